import type {
  DestinationTargeting,
  Labels,
  WorkloadGroupTargeting,
} from '@kratix-backstage/plugin-kratix-common';

/** Above this many Destinations the picture groups them by a label. */
export const MAX_DESTINATION_NODES = 30;
/** Workload groups drawn; the rest are counted in one node. */
export const MAX_GROUP_NODES = 30;

export interface DestinationNode {
  id: string;
  label: string;
  /** Destinations behind the node (1 unless grouped). */
  count: number;
  targeted: number;
  misplaced: number;
  /** Destinations behind the node that the change adds to / removes from where the Promise runs. */
  gained: number;
  lost: number;
}

export interface GroupNode {
  id: string;
  label: string;
  kind: 'dependency' | 'resource';
  count: number;
}

export interface Edge {
  from: string;
  to: string;
  /** WorkPlacements on this edge. */
  placements: number;
  /** Placed but the group's selector no longer selects the Destination(s): misplaced. */
  misplaced: boolean;
  /** Misplaced only because of the proposed change (what-if): WorkPlacements that become misplaced. */
  becomesMisplaced: boolean;
}

/**
 * What a proposed change does, marked on the picture: Destinations gained / lost by the Promise
 * and the WorkPlacements that become misplaced (by workload group id, see `groupNodeId`).
 */
export interface SchedulingChanges {
  gained: string[];
  lost: string[];
  becomeMisplaced: Array<{ group: string; destination: string }>;
}

/** The node id of a workload group: `<Work namespace>/<Work name>/<group id>`. */
export const groupNodeId = (g: {
  work: { namespace: string; name: string };
  groupId: string;
}) => `${g.work.namespace}/${g.work.name}/${g.groupId}`;

export interface SchedulingGraph {
  groups: GroupNode[];
  destinations: DestinationNode[];
  edges: Edge[];
  /** The label key Destinations are grouped by, when there are too many to draw one by one. */
  groupedBy?: string;
  groupsOmitted: number;
}

/** The label key to group Destinations by: the Promise's first selector key, else the commonest. */
export function groupingKey(
  destinations: DestinationTargeting[],
  selector: Labels,
): string | undefined {
  const own = Object.keys(selector).find(k =>
    destinations.some(d => k in d.labels),
  );
  if (own) return own;
  const counts = new Map<string, number>();
  for (const d of destinations) {
    for (const k of Object.keys(d.labels))
      counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0]?.[0];
}

/**
 * Promise → workload groups → Destinations, with the placements as edges (misplaced ones marked).
 * Readable at a thousand Destinations: above MAX_DESTINATION_NODES they are grouped by one label
 * (`environment=dev (500)`), and at most MAX_DESTINATION_NODES nodes are drawn (the rest in
 * "other").
 */
export function schedulingGraph(
  destinations: DestinationTargeting[],
  workloadGroups: WorkloadGroupTargeting[],
  selector: Labels,
  changes?: SchedulingChanges,
): SchedulingGraph {
  const gained = new Set(changes?.gained);
  const lost = new Set(changes?.lost);
  const becomes = new Set(
    changes?.becomeMisplaced.map(b => `${b.group}\n${b.destination}`),
  );
  const grouped = destinations.length > MAX_DESTINATION_NODES;
  const key = grouped ? groupingKey(destinations, selector) : undefined;
  const nodeOf = new Map<string, string>();
  const nodes = new Map<string, DestinationNode>();
  for (const d of destinations) {
    let id = d.name;
    let label = d.name;
    if (grouped) {
      const value = key === undefined ? undefined : d.labels[key];
      id = value === undefined ? `${key ?? 'label'} unset` : `${key}=${value}`;
      label = id;
    }
    nodeOf.set(d.name, id);
    const n = nodes.get(id) ?? {
      id,
      label,
      count: 0,
      targeted: 0,
      misplaced: 0,
      gained: 0,
      lost: 0,
    };
    n.count += 1;
    if (d.matched) n.targeted += 1;
    n.misplaced += d.misplaced;
    if (gained.has(d.name)) n.gained += 1;
    if (lost.has(d.name)) n.lost += 1;
    nodes.set(id, n);
  }
  // With a change to show, the order must not depend on targeting: before and after pictures
  // then draw each Destination node on the same row.
  let destNodes = [...nodes.values()].sort(
    (a, b) =>
      (changes ? 0 : b.targeted - a.targeted) ||
      b.count - a.count ||
      a.label.localeCompare(b.label),
  );
  if (destNodes.length > MAX_DESTINATION_NODES) {
    const kept = destNodes.slice(0, MAX_DESTINATION_NODES - 1);
    const rest = destNodes.slice(MAX_DESTINATION_NODES - 1);
    const other: DestinationNode = {
      id: 'other',
      label: `other (${rest.length} ${grouped ? 'values' : 'Destinations'})`,
      count: rest.reduce((s, n) => s + n.count, 0),
      targeted: rest.reduce((s, n) => s + n.targeted, 0),
      misplaced: rest.reduce((s, n) => s + n.misplaced, 0),
      gained: rest.reduce((s, n) => s + n.gained, 0),
      lost: rest.reduce((s, n) => s + n.lost, 0),
    };
    const restIds = new Set(rest.map(n => n.id));
    for (const [d, id] of nodeOf) if (restIds.has(id)) nodeOf.set(d, 'other');
    destNodes = [...kept, other];
  }

  const shown = workloadGroups.slice(0, MAX_GROUP_NODES);
  const groups: GroupNode[] = shown.map(g => ({
    id: groupNodeId(g),
    label: `${
      g.kind === 'resource' ? g.resourceName || g.work.name : 'dependencies'
    }${g.directory && g.directory !== '.' ? ` (${g.directory})` : ''}`,
    kind: g.kind,
    count: 1,
  }));
  const edgeMap = new Map<string, Edge>();
  shown.forEach((g, i) => {
    const matching = new Set(g.matching);
    for (const d of g.placedOn) {
      const to = nodeOf.get(d);
      if (!to) continue;
      const misplaced = !matching.has(d);
      const becomesMisplaced =
        misplaced && becomes.has(`${groups[i].id}\n${d}`);
      const k = `${groups[i].id}\n${to}\n${misplaced}\n${becomesMisplaced}`;
      const e = edgeMap.get(k) ?? {
        from: groups[i].id,
        to,
        placements: 0,
        misplaced,
        becomesMisplaced,
      };
      e.placements += 1;
      edgeMap.set(k, e);
    }
  });
  return {
    groups,
    destinations: destNodes,
    edges: [...edgeMap.values()],
    groupedBy: grouped ? key ?? 'label' : undefined,
    groupsOmitted: Math.max(0, workloadGroups.length - shown.length),
  };
}
