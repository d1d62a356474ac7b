/*
 * Label keys Kratix puts on Works and WorkPlacements.
 * Sources: syntasso/kratix@ae170e22 api/v1alpha1/work_types.go:28-70 and
 * internal/controller/scheduler.go:25-30; v0.125.0 controllers/scheduler.go:22-24.
 */

/**
 * Current misplacement label (syntasso/kratix f95673ab, PR #484, 2025-06).
 *
 * @public
 */
export const MISPLACED_LABEL = 'kratix.io/misplaced';
/**
 * Legacy misplacement label, used up to the mid-2025 rename (v0.125.0 controllers/scheduler.go:24).
 *
 * @public
 */
export const LEGACY_MISSCHEDULED_LABEL = 'kratix.io/misscheduled';
/**
 * Both misplacement labels, current first.
 *
 * @public
 */
export const MISPLACEMENT_LABELS = [
  MISPLACED_LABEL,
  LEGACY_MISSCHEDULED_LABEL,
] as const;
/** @public */
export type MisplacementLabel = (typeof MISPLACEMENT_LABELS)[number];

/**
 * On a WorkPlacement: the name of its Work (same namespace).
 *
 * @public
 */
export const WORK_LABEL = 'kratix.io/work';
/**
 * On a WorkPlacement: full md5 of the workload group directory.
 *
 * @public
 */
export const WORKLOAD_GROUP_ID_LABEL = 'kratix.io/workload-group-id';
/**
 * On a WorkPlacement (ae170e22 only): its Destination; v0.125.0 has only spec.targetDestinationName.
 *
 * @public
 */
export const TARGET_DESTINATION_LABEL = 'kratix.io/targetDestinationName';
/** @public */
export const PIPELINE_NAME_LABEL = 'kratix.io/pipeline-name';
/** @public */
export const PROMISE_NAME_LABEL = 'kratix.io/promise-name';
/** @public */
export const RESOURCE_NAME_LABEL = 'kratix.io/resource-name';
/** @public */
export const WORK_TYPE_LABEL = 'kratix.io/work-type';
/** @public */
export const PROMISE_VERSION_LABEL = 'kratix.io/promise-version';
/**
 * Destinations labelled this way are excluded from non-dry-run scheduling (ae170e22 scheduler.go:521).
 *
 * @public
 */
export const DRY_RUN_LABEL = 'kratix.io/dry-run';

/**
 * The namespace of Promise-level Works and their WorkPlacements.
 *
 * @public
 */
export const KRATIX_PLATFORM_NAMESPACE = 'kratix-platform-system';
/** The WorkPlacement finalizer whose handler deletes the files from the state store. */
export const WORKPLACEMENT_REPO_CLEANUP_FINALIZER =
  'finalizers.workplacement.kratix.io/repo-cleanup';
