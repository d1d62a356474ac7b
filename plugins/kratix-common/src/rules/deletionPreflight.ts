import { KratixGeneration } from '../model/kratixVersion';
import { SlimDestination, SlimStateStore, SlimWork, SlimWorkPlacement } from '../model/objects';
import { matchDestination } from './matching';
import { assessWorkPlacement, findWorkloadGroup } from './misplacement';
import { mergeWorkloadGroupSelectors } from './selectors';
import { destinationRoot, joinStorePath, workPlacementDirectory } from './stateStorePaths';

export type FilesOutcome =
  /** The WorkPlacement finalizer deletes them from the state store. */
  | { kind: 'removed'; path: string }
  /** The object goes but nothing deletes the files. */
  | { kind: 'stay'; path: string }
  /** The delete waits on the finalizer; files are removed once it can run. */
  | { kind: 'pending'; path: string };

export type AfterDelete =
  /** A misplaced dependency WorkPlacement is not recreated: its Destination is no longer selected. */
  | { kind: 'not-recreated' }
  /** Kratix schedules the resource again to one random Destination among these. */
  | { kind: 'rescheduled'; candidates: string[] }
  /** No Destination matches: the resource stays unscheduled (Work Pending) until one does. */
  | { kind: 'unscheduled' };

export interface DeletionPreflight {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  destination: string;
  /** Cleanup only deletes misplaced WorkPlacements; anything else is refused. */
  misplaced: boolean;
  /** True when the delete would not complete; forcing issues it anyway. */
  blocked: boolean;
  blockReason?: string;
  files: FilesOutcome;
  afterDelete: AfterDelete;
  notes: string[];
}

export interface PreflightContext {
  work?: SlimWork;
  destination?: SlimDestination;
  stateStore?: SlimStateStore;
  /** All Destinations, to find re-scheduling candidates for resource WorkPlacements. */
  destinations: readonly SlimDestination[];
  generation: KratixGeneration;
}

function filesPath(wp: SlimWorkPlacement, ctx: PreflightContext): string {
  if (!ctx.destination) {
    // The Destination's spec.path went with it: name the part of the path that is known.
    const tail = workPlacementDirectory(wp, { name: '', path: '' }, undefined, 'current');
    return `<former Destination ${wp.targetDestinationName}'s directory>/${tail}`;
  }
  const destination = ctx.destination;
  const mode = ctx.destination?.filepathMode;
  if (mode === 'none') {
    // mode none: the files listed in <root>/.kratix/<ns>-<wp>.yaml (workplacement_controller.go:619).
    return joinStorePath(
      destinationRoot(destination, ctx.stateStore, ctx.generation),
      '.kratix',
      `${wp.namespace}-${wp.name}.yaml`,
    );
  }
  if (mode === 'aggregatedYAML') {
    return `${destinationRoot(destination, ctx.stateStore, ctx.generation)}/ (aggregated file)`;
  }
  return workPlacementDirectory(wp, destination, ctx.stateStore, ctx.generation);
}

function afterDelete(wp: SlimWorkPlacement, ctx: PreflightContext): AfterDelete {
  if (!wp.resourceName) return { kind: 'not-recreated' };
  // A resource Work whose group has no WorkPlacement is scheduled again to one random match
  // (ae170e22 scheduler.go:489; v0.125.0 controllers/scheduler.go:391-417).
  const group = findWorkloadGroup(ctx.work, wp.workloadGroupId);
  if (!group) return { kind: 'unscheduled' };
  const { matchLabels } = mergeWorkloadGroupSelectors(group.destinationSelectors);
  const candidates = ctx.destinations
    .filter(d => matchDestination(matchLabels, d, { generation: ctx.generation }).matched)
    .map(d => d.name)
    .sort();
  return candidates.length ? { kind: 'rescheduled', candidates } : { kind: 'unscheduled' };
}

/**
 * What deleting one WorkPlacement will do, from Kratix's deletion path
 * (ae170e22 internal/controller/workplacement_controller.go:120-179,598; v0.125.0
 * controllers/workplacement_controller.go:63-186, docs/kratix-v0.125.0.md §5.1).
 */
export function deletionPreflight(
  wp: SlimWorkPlacement,
  ctx: PreflightContext,
): DeletionPreflight {
  const assessment = assessWorkPlacement(wp, ctx.work, ctx.destination, ctx.generation);
  const path = filesPath(wp, ctx);
  const notes: string[] = [];
  let blocked = false;
  let blockReason: string | undefined;
  let files: FilesOutcome = { kind: 'removed', path };

  if (!ctx.destination) {
    if (ctx.generation === 'current') {
      // Destination not found: both finalizers are stripped, no files removed (fix for #382).
      files = { kind: 'stay', path };
      notes.push(
        `Destination ${wp.targetDestinationName} no longer exists: the WorkPlacement is removed but its files stay in the state store at ${path}.`,
      );
    } else {
      // v0.125: the WorkPlacement controller returns the NotFound error and retries forever (#382).
      blocked = true;
      files = { kind: 'pending', path };
      blockReason = `Destination ${wp.targetDestinationName} no longer exists: this Kratix version cannot finish deleting the WorkPlacement (its finalizer waits for the Destination, syntasso/kratix#382). Recreate the Destination to let Kratix remove the files at ${path}.`;
    }
  } else if (!ctx.stateStore) {
    blocked = true;
    files = { kind: 'pending', path };
    const ref = ctx.destination.stateStoreRef;
    blockReason = `The Destination's state store ${ref ? `${ref.kind}/${ref.name}` : '(none set)'} does not exist: the delete would wait on the WorkPlacement finalizer.`;
  } else if (ctx.stateStore.ready === 'False') {
    blocked = true;
    files = { kind: 'pending', path };
    blockReason = `State store ${ctx.stateStore.kind}/${ctx.stateStore.name} is not Ready (${
      ctx.stateStore.readyMessage || ctx.stateStore.readyReason || 'no message'
    }): the delete would wait on the WorkPlacement finalizer until it is.`;
  } else if (ctx.stateStore.ready === 'Unknown') {
    notes.push(
      `Kratix reports no readiness for state store ${ctx.stateStore.kind}/${ctx.stateStore.name}; if it is unreachable the delete waits on the finalizer until it is reachable.`,
    );
  }

  const next = afterDelete(wp, ctx);
  if (next.kind === 'rescheduled') {
    notes.push(
      `Kratix will schedule resource ${wp.namespace}/${wp.resourceName} again, to one of: ${next.candidates.join(', ')}.`,
    );
  } else if (next.kind === 'unscheduled') {
    notes.push(
      `No Destination matches resource ${wp.namespace}/${wp.resourceName} now: it stays unscheduled until one does.`,
    );
  }
  if (assessment.labelIsStale) {
    notes.push(
      'The Destination matches this workload again; Kratix never removes the misplaced label from resource WorkPlacements, so the label is stale.',
    );
  }
  return {
    namespace: wp.namespace,
    name: wp.name,
    uid: wp.uid,
    resourceVersion: wp.resourceVersion,
    destination: wp.targetDestinationName,
    misplaced: assessment.misplaced,
    blocked,
    blockReason,
    files,
    afterDelete: next,
    notes,
  };
}
