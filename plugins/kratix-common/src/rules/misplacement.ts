import { MISPLACEMENT_LABELS, MisplacementLabel } from '../model/labels';
import { KratixGeneration } from '../model/kratixVersion';
import {
  Condition,
  Labels,
  SlimDestination,
  SlimWork,
  SlimWorkPlacement,
} from '../model/objects';
import { MismatchReason, matchDestination } from './matching';
import { schedulingSelector } from './selectors';

/**
 * The misplacement label a WorkPlacement carries, if any: `kratix.io/misplaced=true` (current) or
 * the legacy `kratix.io/misscheduled=true` (before syntasso/kratix PR #484, 2025-06).
 *
 * @public
 */
export function misplacementLabelOf(
  labels: Labels | undefined,
): MisplacementLabel | undefined {
  return MISPLACEMENT_LABELS.find(key => labels?.[key] === 'true');
}

/**
 * Dependency Works have an empty `spec.resourceName` (ae170e22 scheduler.go:489 getTargetDestinationNames).
 *
 * @public
 */
export function isResourceWorkload(x: { resourceName?: string }): boolean {
  return Boolean(x.resourceName);
}

/**
 * When the WorkPlacement was marked misplaced, from its condition: `ScheduleSucceeded=False`
 * with reason `DestinationSelectorMismatch` (ae170e22 scheduler.go:430 updateWorkPlacementStatus)
 * or `Misscheduled=True` (v0.125.0 controllers/scheduler.go:356-387).
 *
 * @public
 */
export function misplacedConditionSince(
  conditions: readonly Condition[],
): string | undefined {
  const c = conditions.find(
    x =>
      (x.type === 'Misscheduled' && x.status === 'True') ||
      (x.type === 'ScheduleSucceeded' &&
        x.status === 'False' &&
        x.reason === 'DestinationSelectorMismatch'),
  );
  return c?.lastTransitionTime;
}

/** @public */
export interface WorkPlacementAssessment {
  misplaced: boolean;
  label?: MisplacementLabel;
  kind: 'dependency' | 'resource';
  destinationExists: boolean;
  /**
   * Whether the WorkPlacement's Destination is selected by its workload group today; null when the
   * Work or the group is unknown (e.g. the Work is gone) or the Destination does not exist.
   */
  destinationStillMatches: boolean | null;
  reasons: MismatchReason[];
  /**
   * Labelled misplaced although the Destination matches again. Kratix removes the label from
   * dependency WorkPlacements when that happens, but never from resource WorkPlacements
   * (ae170e22 scheduler.go:283 updateWorkPlacement only adds it; same at v0.125.0 :237-263).
   */
  labelIsStale: boolean;
}

/** @public */
export function findWorkloadGroup(
  work: SlimWork | undefined,
  groupId: string | undefined,
) {
  if (!work || !groupId) return undefined;
  return work.workloadGroups.find(g => g.id === groupId);
}

/** @public */
export function assessWorkPlacement(
  wp: SlimWorkPlacement,
  work: SlimWork | undefined,
  destination: SlimDestination | undefined,
  generation: KratixGeneration,
): WorkPlacementAssessment {
  const label = misplacementLabelOf(wp.labels);
  const group = findWorkloadGroup(work, wp.workloadGroupId);
  let destinationStillMatches: boolean | null = null;
  let reasons: MismatchReason[] = [];
  if (group && destination) {
    const merged = schedulingSelector(
      work,
      group.destinationSelectors,
      generation,
    );
    const result = matchDestination(merged.matchLabels, destination, {
      generation,
    });
    destinationStillMatches = result.matched;
    reasons = result.reasons;
  }
  return {
    misplaced: label !== undefined,
    label,
    kind: isResourceWorkload(wp) ? 'resource' : 'dependency',
    destinationExists: destination !== undefined,
    destinationStillMatches,
    reasons,
    labelIsStale: label !== undefined && destinationStillMatches === true,
  };
}
