/* Notes the deletion preflight adds where Kratix's own behaviour (or a race in it) decides the outcome. */

/*
 * Mode none: Kratix deletes the files its state file lists, the state file too, and only then
 * removes both finalizers in one update. When that update conflicts (current Kratix's scheduler
 * rewrites WorkPlacements often), the next reconcile reads the state file it has just deleted,
 * fails and requeues for ever (ae170e22 internal/controller/workplacement_controller.go
 * deleteWorkPlacement, delete). Seen on the local platform (filepathModes.platform.test.ts).
 */
export const MODE_NONE_RACE_NOTE =
  'The Destination uses filepath mode "none": if Kratix\'s own finalizer update conflicts after it has deleted the files, the WorkPlacement stays in deletion for ever (its files and state file are gone). Removing its finalizers then finishes the delete.';

/*
 * Kratix's scheduler updates every WorkPlacement of a Work it has listed with CreateOrUpdate, so a
 * Work reconcile that listed this one before its delete finished creates it again under the same
 * name, labelled misplaced (ae170e22 internal/controller/scheduler.go reconcileWorkloadGroup,
 * applyWorkplacementsForTargetDestinations). Seen on the local platform, mostly on aggregatedYAML
 * Destinations, whose delete finishes fastest (filepathModes.platform.test.ts).
 */
export const RECREATE_RACE_NOTE =
  'Kratix usually does not create it again, but its scheduler can, right after the delete, when it reconciles the Work at that moment (then it is listed as misplaced again and can be cleaned up again).';

/*
 * Mode aggregatedYAML: on delete Kratix rebuilds the one file from the Destination's other active
 * WorkPlacements and rewrites it, or deletes it when none is left (ae170e22
 * internal/controller/workplacement_controller.go deleteWorkPlacement, getAllWorkplacementsForDestination).
 */
export function aggregatedFileNote(path: string, others: number): string {
  return others > 0
    ? `The Destination aggregates all its workloads in one file: Kratix rewrites ${path} without this WorkPlacement's workloads and keeps those of the ${others} other WorkPlacement${
        others === 1 ? '' : 's'
      } on it.`
    : `The Destination aggregates all its workloads in one file, and this is its last WorkPlacement: Kratix deletes ${path}.`;
}
