/*
 * The notes a Destination what-if adds about removed Destinations: what each Kratix generation does
 * with their WorkPlacements and files.
 */
import {
  KratixGeneration,
  TARGET_DESTINATION_LABEL,
} from '@kratix-backstage/plugin-kratix-common';
import { ChangedDestination } from './destinationChanges';
import { stateStoreIndex, stateStoreOf } from './picture';
import { WhatIfResultBuilder } from './result';
import { shortList } from './shared';

/*
 * Removing a cleanup: all Destination on current Kratix: its finalizer deletes the WorkPlacements
 * labelled kratix.io/targetDestinationName=<name> and requeues every 15 s until none is left
 * (ae170e22 internal/controller/destination_controller.go handleDeletion,
 * deleteDestinationWorkplacements; promise_controller.go defaultRequeue). Meanwhile a Work
 * reconcile that still lists a dependency WorkPlacement being deleted creates it again, misplaced
 * (scheduler.go reconcileWorkloadGroup → applyWorkplacementsForTargetDestinations), and the next
 * pass deletes it again. Seen on the local platform: the Destination was gone after 60 s.
 */
export const CLEANUP_ALL_REASON =
  'the Destination finalizer deletes its WorkPlacements (cleanup: all)';
export const CLEANUP_ALL_RECREATED = `${CLEANUP_ALL_REASON}; Kratix can re-create a dependency WorkPlacement while it is being deleted and deletes it again every 15 s, so this can take minutes`;

/** What the Destination what-if counted about the removed Destinations' WorkPlacements. */
export interface RemovalCounts {
  removed: ChangedDestination[];
  /** Per removed cleanup: all Destination, the dependency WorkPlacements its finalizer deletes. */
  dependencyDeletions: ReadonlyMap<string, number>;
  /** WorkPlacements a cleanup: all removal does not find (no targetDestinationName label). */
  unlabelledOnCleanup: number;
  /** Resources whose WorkPlacement a cleanup: all removal deletes, left with no match. */
  unscheduledOnCleanup: number;
}

export function noteRemovals(
  b: WhatIfResultBuilder,
  generation: KratixGeneration,
  stores: ReturnType<typeof stateStoreIndex>,
  {
    removed,
    dependencyDeletions,
    unlabelledOnCleanup,
    unscheduledOnCleanup,
  }: RemovalCounts,
): void {
  if (removed.length) {
    if (generation === 'v0.125') {
      b.note(
        `Removing ${shortList(
          removed.map(c => c.name),
        )}: v0.125 has no Destination cleanup; the WorkPlacements and their files stay, are labelled misscheduled on their Work's next reconcile, and can never finish deleting while the Destination is gone (syntasso/kratix#382).`,
      );
    } else {
      // The Destination reconcile gets the repository before it looks at the deletion, so with a
      // missing or broken store the cleanup: all finalizer waits (ae170e22
      // internal/controller/destination_controller.go:122-167; shared doc §6.4).
      const blocked = removed
        .filter(c => c.before?.cleanup === 'all')
        .filter(c => {
          const store = c.before ? stateStoreOf(c.before, stores) : undefined;
          return !store || store.ready === 'False';
        })
        .map(c => c.name);
      if (blocked.length) {
        b.note(
          `Removing ${shortList(
            blocked,
          )} (cleanup: all): the state store is missing or not Ready, so the deletion waits on the Destination finalizer and its WorkPlacements are only deleted once the store works.`,
        );
      }
      for (const [name, count] of dependencyDeletions) {
        if (blocked.includes(name)) continue;
        b.note(
          `Removing ${name} (cleanup: all) deletes ${count} dependency WorkPlacement(s): Kratix's scheduler can re-create one while it is being deleted, and the Destination deletes it again on its next reconcile (every 15 s). Until then they can show in the misplaced list, and the Destination stays in deletion.`,
        );
      }
      const keep = removed
        .filter(c => c.before?.cleanup !== 'all')
        .map(c => c.name);
      if (keep.length) {
        b.note(
          `Removing ${shortList(
            keep,
          )} (cleanup: none): their WorkPlacements and files stay and are labelled misplaced (inferred: the delete event re-schedules all Works).`,
        );
      }
    }
  }
  if (unlabelledOnCleanup > 0) {
    b.note(
      `${unlabelledOnCleanup} WorkPlacement(s) on a removed Destination with cleanup: all carry no ${TARGET_DESTINATION_LABEL} label (made before Kratix added it): the cleanup does not find them, so they and their files stay, labelled misplaced on their Work's next reconcile.`,
    );
  }
  if (unscheduledOnCleanup > 0) {
    b.note(
      `${unscheduledOnCleanup} resource(s) lose their WorkPlacement with a removed Destination (cleanup: all) and match no other Destination: Kratix leaves them unscheduled and retries until a Destination matches.`,
    );
  }
}
