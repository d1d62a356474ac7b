import {
  SlimWork,
  SlimWorkPlacement,
  misplacedConditionSince,
} from '@kratix-backstage/plugin-kratix-common';

/**
 * The aspect of Works and WorkPlacements that says where they go and how they are listed:
 * everything but the status the Kratix manager rewrites after its reconciles (WorkPlacement
 * `versionID` and conditions, Work conditions) and the resourceVersion. A WorkPlacement's time of
 * misplacement (from its conditions) is part of it: the misplaced list sorts by it.
 * Memos over this aspect (IndexedStore.memo) survive status-only writes.
 *
 * @public
 */
export const PLACEMENT_ASPECT = 'placement';

function sameRecord(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(k => a[k] === b[k]);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether an update of a WorkPlacement changed more than its status. */
export function workPlacementShapeChanged(
  a: SlimWorkPlacement,
  b: SlimWorkPlacement,
): boolean {
  return (
    a.uid !== b.uid ||
    a.promiseName !== b.promiseName ||
    a.targetDestinationName !== b.targetDestinationName ||
    a.workName !== b.workName ||
    a.workloadGroupId !== b.workloadGroupId ||
    a.pipelineName !== b.pipelineName ||
    a.resourceName !== b.resourceName ||
    a.creationTimestamp !== b.creationTimestamp ||
    a.deletionTimestamp !== b.deletionTimestamp ||
    a.generation !== b.generation ||
    !sameRecord(a.labels, b.labels) ||
    !sameList(a.finalizers, b.finalizers) ||
    misplacedConditionSince(a.conditions) !==
      misplacedConditionSince(b.conditions)
  );
}

/** Whether an update of a Work changed more than its status. */
export function workShapeChanged(a: SlimWork, b: SlimWork): boolean {
  return (
    a.uid !== b.uid ||
    a.promiseName !== b.promiseName ||
    a.resourceName !== b.resourceName ||
    a.workType !== b.workType ||
    a.pipelineName !== b.pipelineName ||
    a.creationTimestamp !== b.creationTimestamp ||
    a.deletionTimestamp !== b.deletionTimestamp ||
    a.generation !== b.generation ||
    !sameRecord(a.labels, b.labels) ||
    JSON.stringify(a.workloadGroups) !== JSON.stringify(b.workloadGroups)
  );
}
