import { KratixGeneration } from '../model/kratixVersion';
import {
  Labels,
  SlimDestination,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
} from '../model/objects';
import { assessWorkPlacement, findWorkloadGroup } from './misplacement';
import { schedulingSelector } from './selectors';
import { matchingDestinationNames } from './targeting';
import {
  MODE_NONE_RACE_NOTE,
  RECREATE_RACE_NOTE,
  aggregatedFileNote,
} from './preflightNotes';
import {
  destinationRoot,
  joinStorePath,
  workPlacementDirectory,
} from './stateStorePaths';

/** @public */
export type FilesOutcome =
  /** The WorkPlacement finalizer deletes them from the state store. */
  | { kind: 'removed'; path: string }
  /** The object goes but nothing deletes the files. */
  | { kind: 'stay'; path: string }
  /** The delete waits on the finalizer; files are removed once it can run. */
  | { kind: 'pending'; path: string };

/** @public */
export type AfterDelete =
  /** A misplaced dependency WorkPlacement is not recreated: its Destination is no longer selected. */
  | { kind: 'not-recreated' }
  /** Kratix schedules the resource again to one random Destination among these. */
  | { kind: 'rescheduled'; candidates: string[] }
  /** No Destination matches: the resource stays unscheduled (Work Pending) until one does. */
  | { kind: 'unscheduled' }
  /**
   * Other WorkPlacements of the same workload group remain: Kratix schedules a resource group only
   * when it has no WorkPlacement at all, so nothing is created.
   */
  | { kind: 'sibling-remains'; siblings: string[] };

/** @public */
export interface DeletionPreflight {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /** The WorkPlacement's metadata.generation the preflight saw (send it back with the cleanup). */
  generation?: number;
  destination: string;
  /** Cleanup only deletes misplaced WorkPlacements; anything else is refused. */
  misplaced: boolean;
  /** True when the delete would not complete; forcing issues it anyway. */
  blocked: boolean;
  blockReason?: string;
  files: FilesOutcome;
  /**
   * WorkPlacements (namespace/name) on other Destinations whose live files this delete would
   * remove too (shared directory). Never deleted, not even when forced.
   */
  destroysFilesOf: string[];
  afterDelete: AfterDelete;
  notes: string[];
}

/** @public */
export interface PreflightContext {
  work?: SlimWork;
  destination?: SlimDestination;
  stateStore?: SlimStateStore;
  /** All Destinations, to find re-scheduling candidates for resource WorkPlacements. */
  destinations: readonly SlimDestination[];
  /**
   * The names of the Destinations a scheduling selector matches, sorted. Given by a caller that
   * preflights many WorkPlacements, so equal selectors are matched against the Destinations once;
   * default: `destinations` filtered with matchDestination.
   */
  matchingDestinations?: (matchLabels: Labels) => readonly string[];
  /**
   * The other WorkPlacements of the same Work and workload group (Kratix finds them by the labels
   * kratix.io/work and kratix.io/workload-group-id), without the one being deleted.
   */
  groupSiblings?: readonly SlimWorkPlacement[];
  /**
   * WorkPlacements of the same Work and group on OTHER Destinations whose files resolve to the same
   * directory of the same state store (e.g. Destinations with paths "." and "/"): deleting this one
   * deletes their live files too. See sharesFilesWith.
   */
  sharedDirectoryWorkPlacements?: readonly SlimWorkPlacement[];
  /**
   * For a Destination in filepath mode aggregatedYAML: how many other WorkPlacements, not being
   * deleted, carry its kratix.io/targetDestinationName label. Kratix rewrites the one aggregated
   * file from exactly those, and deletes it only with the last one.
   */
  aggregatedWith?: number;
  generation: KratixGeneration;
}

/**
 * Which directory of which state store a Destination's files live in, as one comparable key:
 * Destinations with equal keys (and different names) share files, see sharesFilesWith. Lets a
 * caller group many Destinations once instead of comparing every pair.
 *
 * @public
 */
export function fileRootKey(
  destination: Pick<SlimDestination, 'name' | 'path' | 'stateStoreRef'>,
  store: Pick<SlimStateStore, 'path'> | undefined,
  generation: KratixGeneration,
): string {
  const ref = destination.stateStoreRef;
  return `${ref?.kind ?? ''}\u0000${ref?.name ?? ''}\u0000${destinationRoot(
    destination,
    store,
    generation,
  )}`;
}

/**
 * Whether two Destinations write a workload group's files to the same directory: same state store
 * and the same root after path normalisation (Kratix joins paths like Go's filepath.Join, so "." ,
 * "/" and "" are one directory; ae170e22 lib/writers/git.go NewGitWriter; v0.125 appends each
 * Destination's name, so there only equal paths and names collide). `store` is `a`'s state store,
 * which is `b`'s too whenever the answer can be yes.
 *
 * @public
 */
export function sharesFilesWith(
  a: Pick<SlimDestination, 'name' | 'path' | 'stateStoreRef'>,
  b: Pick<SlimDestination, 'name' | 'path' | 'stateStoreRef'>,
  store: Pick<SlimStateStore, 'path'> | undefined,
  generation: KratixGeneration,
): boolean {
  return (
    a.name !== b.name &&
    fileRootKey(a, store, generation) === fileRootKey(b, store, generation)
  );
}

/** The aggregated file's name when a Destination in mode aggregatedYAML sets none. */
const AGGREGATED_DEFAULT_FILENAME = 'aggregated.yaml';

/** The finalizer whose handler deletes a WorkPlacement's files (same name in both generations). */
export const REPO_CLEANUP_FINALIZER =
  'finalizers.workplacement.kratix.io/repo-cleanup';

function filesPath(wp: SlimWorkPlacement, ctx: PreflightContext): string {
  if (!ctx.destination) {
    // The Destination's spec.path went with it: name the part of the path that is known.
    const tail = workPlacementDirectory(
      wp,
      { name: '', path: '' },
      undefined,
      'current',
    );
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
    // One file for the whole Destination: <spec.path>/<spec.filepath.filename or aggregated.yaml>
    // (ae170e22 internal/controller/workplacement_controller.go getAggregatedWorkload).
    return joinStorePath(
      destinationRoot(destination, ctx.stateStore, ctx.generation),
      destination?.filepathFilename || AGGREGATED_DEFAULT_FILENAME,
    );
  }
  return workPlacementDirectory(
    wp,
    destination,
    ctx.stateStore,
    ctx.generation,
  );
}

function afterDelete(
  wp: SlimWorkPlacement,
  ctx: PreflightContext,
): AfterDelete {
  if (!wp.resourceName) return { kind: 'not-recreated' };
  // A resource group with a WorkPlacement left is only updated, never scheduled again
  // (ae170e22 internal/controller/scheduler.go reconcileWorkloadGroup: existing WorkPlacements
  // short-cut the scheduling; same at v0.125.0 controllers/scheduler.go).
  const siblings = (ctx.groupSiblings ?? [])
    .filter(s => s.uid !== wp.uid)
    .map(s => s.name)
    .sort();
  if (siblings.length > 0) return { kind: 'sibling-remains', siblings };
  // A resource Work whose group has no WorkPlacement is scheduled again to one random match
  // (ae170e22 scheduler.go:489; v0.125.0 controllers/scheduler.go:391-417).
  const group = findWorkloadGroup(ctx.work, wp.workloadGroupId);
  if (!group) return { kind: 'unscheduled' };
  const { matchLabels } = schedulingSelector(
    ctx.work,
    group.destinationSelectors,
    ctx.generation,
  );
  const candidates = ctx.matchingDestinations
    ? [...ctx.matchingDestinations(matchLabels)]
    : matchingDestinationNames(ctx.destinations, matchLabels, ctx.generation);
  return candidates.length
    ? { kind: 'rescheduled', candidates }
    : { kind: 'unscheduled' };
}

/**
 * What deleting one WorkPlacement will do, from Kratix's deletion path
 * (ae170e22 internal/controller/workplacement_controller.go:120-179,598; v0.125.0
 * controllers/workplacement_controller.go:63-186, docs/kratix-v0.125.0.md §5.1).
 *
 * @public
 */
export function deletionPreflight(
  wp: SlimWorkPlacement,
  ctx: PreflightContext,
): DeletionPreflight {
  const assessment = assessWorkPlacement(
    wp,
    ctx.work,
    ctx.destination,
    ctx.generation,
  );
  const path = filesPath(wp, ctx);
  const notes: string[] = [];
  let blocked = false;
  let blockReason: string | undefined;
  let files: FilesOutcome = { kind: 'removed', path };

  if (!wp.finalizers.includes(REPO_CLEANUP_FINALIZER)) {
    // No repo-cleanup finalizer: the apiserver removes the object at once and nothing deletes the
    // files, whatever the Destination and store. Current Kratix strips the finalizers of a
    // WorkPlacement that reconciles while its Destination is missing, and only a later reconcile
    // with the Destination present adds them back (ae170e22
    // internal/controller/workplacement_controller.go newReconcileContext, Reconcile).
    files = { kind: 'stay', path };
    notes.push(
      `The WorkPlacement has no ${REPO_CLEANUP_FINALIZER} finalizer (Kratix removes it when the WorkPlacement reconciles while its Destination is missing): deleting it removes the object at once and leaves its files in the state store at ${path}.`,
    );
  } else if (!ctx.destination) {
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
    blockReason = `The Destination's state store ${
      ref ? `${ref.kind}/${ref.name}` : '(none set)'
    } does not exist: the delete would wait on the WorkPlacement finalizer.`;
  } else if (ctx.stateStore.ready === 'False') {
    blocked = true;
    files = { kind: 'pending', path };
    blockReason = `State store ${ctx.stateStore.kind}/${
      ctx.stateStore.name
    } is not Ready (${
      ctx.stateStore.readyMessage || ctx.stateStore.readyReason || 'no message'
    }): the delete would wait on the WorkPlacement finalizer until it is.`;
  } else if (ctx.stateStore.ready === 'Unknown') {
    notes.push(
      `Kratix reports no readiness for state store ${ctx.stateStore.kind}/${ctx.stateStore.name}; if it is unreachable the delete waits on the finalizer until it is reachable.`,
    );
  }

  const shared = (ctx.sharedDirectoryWorkPlacements ?? []).filter(
    o => !o.deletionTimestamp,
  );
  if (files.kind !== 'stay' && shared.length > 0) {
    // The finalizer deletes the whole directory (nestedByMetadata) or the listed files, which are
    // the same ones the other Destination's WorkPlacement keeps there.
    blocked = true;
    blockReason = `Destination ${
      wp.targetDestinationName
    } shares its state-store directory with ${shared
      .map(o => o.targetDestinationName)
      .sort()
      .join(
        ', ',
      )}: deleting this WorkPlacement deletes ${path}, which also holds the live files of ${shared
      .map(o => `${o.namespace}/${o.name}`)
      .sort()
      .join(', ')}.`;
  } else if (
    ctx.destination &&
    files.kind === 'removed' &&
    ctx.destination.filepathMode === 'none' &&
    !wp.versionID
  ) {
    // Mode none deletes the files listed in the WorkPlacement's .kratix state file; one never
    // written has none, and the delete retries reading it forever (ae170e22
    // internal/controller/workplacement_controller.go deleteWorkPlacement, readKratixStateFile;
    // the same at v0.125.0, docs/kratix-v0.125.0.md §5.1).
    blocked = true;
    files = { kind: 'pending', path };
    blockReason = `The Destination uses filepath mode "none" and this WorkPlacement was never written (no state file at ${path}): Kratix cannot finish deleting it and retries for ever.`;
  }

  if (files.kind === 'removed' && ctx.destination?.filepathMode === 'none') {
    notes.push(MODE_NONE_RACE_NOTE);
  }
  if (
    files.kind !== 'stay' &&
    ctx.destination?.filepathMode === 'aggregatedYAML' &&
    ctx.aggregatedWith !== undefined
  ) {
    notes.push(aggregatedFileNote(path, ctx.aggregatedWith));
  }

  const next = afterDelete(wp, ctx);
  if (
    next.kind === 'not-recreated' &&
    ctx.generation === 'current' &&
    files.kind !== 'stay'
  ) {
    notes.push(RECREATE_RACE_NOTE);
  }
  if (next.kind === 'sibling-remains') {
    notes.push(
      `Kratix will not schedule resource ${wp.namespace}/${
        wp.resourceName
      } again while ${next.siblings.join(
        ', ',
      )} of the same workload group remain${
        next.siblings.length > 1 ? '' : 's'
      }.`,
    );
  } else if (next.kind === 'rescheduled') {
    notes.push(
      `Kratix will schedule resource ${wp.namespace}/${
        wp.resourceName
      } again, to one of: ${next.candidates.join(', ')}.`,
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
    generation: wp.generation,
    destination: wp.targetDestinationName,
    misplaced: assessment.misplaced,
    blocked,
    blockReason,
    files,
    destroysFilesOf:
      files.kind === 'stay'
        ? []
        : shared.map(o => `${o.namespace}/${o.name}`).sort(),
    afterDelete: next,
    notes,
  };
}
