import type {
  DestinationTargeting,
  Labels,
  PromiseTargetingResponse,
  WhatIfResponse,
  WorkloadGroupTargeting,
} from '@kratix-backstage/plugin-kratix-common';
import { SchedulingChanges, groupNodeId } from './schedulingGraph';

/** What the scheduling picture draws. */
export interface SchedulingState {
  destinations: DestinationTargeting[];
  workloadGroups: WorkloadGroupTargeting[];
  selector: Labels;
}

const minus = (list: string[], drop: Iterable<string>) => {
  const set = new Set(drop);
  return list.filter(x => !set.has(x));
};
const union = (list: string[], add: string[]) => [
  ...new Set([...list, ...add]),
];

/**
 * The picture after a proposed change: today's targeting (one page of workload groups) with the
 * what-if answer's effects applied: each affected group's Destinations gained / lost and its
 * WorkPlacements created / deleted, Works created / deleted, and which Destinations the Promise's
 * own selector selects afterwards. Only draws what the what-if computed; no scheduling rule is
 * evaluated here (the engine is in plugin-kratix-common, whatIf/).
 */
export function schedulingAfterChange(
  before: Pick<
    PromiseTargetingResponse,
    'promise' | 'destinations' | 'workloadGroups' | 'selectors'
  >,
  whatIf: WhatIfResponse,
): { after: SchedulingState; changes: SchedulingChanges } {
  const promise = before.promise;
  const effect = whatIf.promises.find(p => p.promise === promise);
  const becomeMisplaced: SchedulingChanges['becomeMisplaced'] = [];
  const groups = new Map(before.workloadGroups.map(g => [groupNodeId(g), g]));
  const misplacedDelta = new Map<string, number>();
  const placedDelta = new Map<string, number>();
  const bump = (m: Map<string, number>, d: string, by: number) =>
    m.set(d, (m.get(d) ?? 0) + by);

  for (const e of whatIf.groups) {
    if (e.work.promise !== promise) continue;
    const id = groupNodeId({ work: e.work, groupId: e.groupId });
    const match = whatIf.matchChanges[e.matchChange];
    const existing = groups.get(id);
    if (e.workChange === 'deleted') {
      groups.delete(id);
      continue;
    }
    const deleted = e.workPlacementsDeleted.map(w => w.destination);
    const becoming = [
      ...e.workPlacementsMisplaced,
      ...e.resourcesOnExcludedDestinations,
    ];
    for (const w of becoming) {
      becomeMisplaced.push({ group: id, destination: w.destination });
      bump(misplacedDelta, w.destination, 1);
    }
    for (const w of e.workPlacementsUnmisplaced)
      bump(misplacedDelta, w.destination, -1);
    for (const d of e.workPlacementsCreated) bump(placedDelta, d, 1);
    for (const d of deleted) bump(placedDelta, d, -1);
    const gained = match?.destinationsGained ?? [];
    const lost = match?.destinationsLost ?? [];
    if (existing) {
      groups.set(id, {
        ...existing,
        matchLabels: e.after?.matchLabels ?? existing.matchLabels,
        sourceOf: e.after?.sourceOf ?? existing.sourceOf,
        matching: minus(union(existing.matching, gained), lost),
        placedOn: minus(
          union(existing.placedOn, e.workPlacementsCreated),
          deleted,
        ),
      });
    } else {
      // A Work the change creates (or a group on a later page of the targeting read).
      groups.set(id, {
        work: { namespace: e.work.namespace, name: e.work.name },
        kind: e.work.kind === 'resource' ? 'resource' : 'dependency',
        resourceName: e.work.resourceName ?? '',
        groupId: e.groupId,
        directory: e.directory,
        matchLabels: e.after?.matchLabels ?? {},
        sourceOf: e.after?.sourceOf ?? {},
        conflicts: [],
        fromWorkflow: e.assumedUnchangedUntilWorkflowRuns,
        matching: gained,
        placedOn: e.workPlacementsCreated,
      });
    }
  }

  // Which Destinations the Promise's own selector selects: new resource requests' candidates when
  // the what-if computed them, else the Destinations some group gains / loses.
  const gained =
    effect?.newResources?.gained ?? effect?.destinationsGained ?? [];
  const lost = effect?.newResources?.lost ?? effect?.destinationsLost ?? [];
  const gainedSet = new Set(gained);
  const lostSet = new Set(lost);
  const destinations = before.destinations.map(d => ({
    ...d,
    matched: (d.matched || gainedSet.has(d.name)) && !lostSet.has(d.name),
    misplaced: Math.max(0, d.misplaced + (misplacedDelta.get(d.name) ?? 0)),
    workPlacements: Math.max(
      0,
      d.workPlacements + (placedDelta.get(d.name) ?? 0),
    ),
  }));
  return {
    after: {
      destinations,
      workloadGroups: [...groups.values()],
      selector: effect?.newResources?.selector ?? before.selectors.matchLabels,
    },
    changes: {
      gained: effect?.destinationsGained ?? [],
      lost: effect?.destinationsLost ?? [],
      becomeMisplaced,
    },
  };
}
