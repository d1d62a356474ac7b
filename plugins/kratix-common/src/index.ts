/**
 * Common functionality for the Kratix Backstage plugins: permissions, the entity contract, the
 * slim model of Kratix objects, the HTTP API types and client, and the pure Kratix rules
 * (selectors, matching, targeting, misplacement, deletion). Usable from both frontend and
 * backend packages.
 *
 * @packageDocumentation
 */

// Permissions
export {
  KRATIX_PROMISE_RESOURCE_TYPE,
  kratixPermissions,
  kratixPromiseReadPermission,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
  kratixWorkflowLogsReadPermission,
} from './permissions';

// The entity contract (catalog module writes it, frontend reads it)
export {
  KRATIX_DESTINATION_LABELS_ANNOTATION,
  KRATIX_DESTINATION_NAME_ANNOTATION,
  KRATIX_PLATFORM_ANNOTATION,
  KRATIX_PROMISE_NAME_ANNOTATION,
  KRATIX_STRICT_MATCH_LABELS_ANNOTATION,
} from './entity/annotations';
export {
  getKratixPlatformName,
  getKratixPromiseName,
  isKratixPromise,
} from './entity/promiseEntity';
export {
  destinationOfEntity,
  getKratixDestinationName,
  isKratixDestination,
} from './entity/destinationEntity';

// The slim model of Kratix objects
export {
  DRY_RUN_LABEL,
  KRATIX_PLATFORM_NAMESPACE,
  LEGACY_MISSCHEDULED_LABEL,
  MISPLACED_LABEL,
  MISPLACEMENT_LABELS,
  PIPELINE_NAME_LABEL,
  PROMISE_NAME_LABEL,
  PROMISE_VERSION_LABEL,
  RESOURCE_NAME_LABEL,
  TARGET_DESTINATION_LABEL,
  WORKLOAD_GROUP_ID_LABEL,
  WORK_LABEL,
  WORK_TYPE_LABEL,
} from './model/labels';
export type { MisplacementLabel } from './model/labels';
export { detectKratixGeneration } from './model/kratixVersion';
export type { KratixGeneration } from './model/kratixVersion';
export type {
  Condition,
  DestinationSelectorEntry,
  Labels,
  ObjectMeta,
  Readiness,
  SelectorSource,
  SlimDestination,
  SlimPromise,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
  SlimWorkloadGroup,
  StateStoreRef,
  WorkloadGroupSelector,
  WorkType,
} from './model/objects';
export {
  compareCodeUnits,
  compareNames,
  compareNamespacedNames,
} from './model/order';
export { slimPromiseApiVersion } from './model/promiseApi';

// The pure Kratix rules
export {
  mergeWorkloadGroupSelectors,
  promiseDependencySelectors,
  schedulingSelector,
  squashPromiseScheduling,
} from './rules/selectors';
export type {
  MergedSelectors,
  SelectorConflict,
  SquashedSelectors,
} from './rules/selectors';
export { describeMismatch, matchDestination } from './rules/matching';
export type {
  MatchableDestination,
  MatchOptions,
  MatchResult,
  MismatchReason,
} from './rules/matching';
export {
  matchingDestinationNames,
  promiseSelector,
  targetedDestinations,
} from './rules/targeting';
export {
  assessWorkPlacement,
  findWorkloadGroup,
  isResourceWorkload,
  misplacedConditionSince,
  misplacementLabelOf,
} from './rules/misplacement';
export type { WorkPlacementAssessment } from './rules/misplacement';
export {
  deletionPreflight,
  fileRootKey,
  sharesFilesWith,
} from './rules/deletionPreflight';
export type {
  AfterDelete,
  DeletionPreflight,
  FilesOutcome,
  PreflightContext,
} from './rules/deletionPreflight';
export {
  duplicateStaticDependencyProblem,
  isStaticDependencyWork,
} from './rules/staticDependencyWorks';
export {
  labelKeyProblem,
  labelMapProblems,
  labelValueProblem,
} from './rules/labelSyntax';

// The HTTP API of the Kratix backend plugin
export type {
  DestinationTargeting,
  MatrixCell,
  MatrixResponse,
  MisplacedFilters,
  MisplacedListResponse,
  PlatformListResponse,
  PlatformSummary,
  PromiseListResponse,
  PromiseManifest,
  PromiseResponse,
  PromiseSummary,
  PromiseTargetingResponse,
  PromiseWorksResponse,
  ReadMeta,
  SquashedSelectorView,
  StateStoreView,
  WorkloadGroupPage,
  WorkloadGroupTargeting,
  WorkPlacementView,
  WorkView,
} from './api/readTypes';
export { parsePromiseResourceRef, promiseResourceRef } from './api/writeTypes';
export type {
  CleanupItemResult,
  CleanupOutcome,
  CleanupPreflightItem,
  CleanupPreflightRequest,
  CleanupPreflightResponse,
  CleanupRequest,
  CleanupResponse,
  CleanupSelection,
  HistoryEntry,
  HistoryResponse,
  PromiseUpdateEffects,
  PromiseUpdateRequest,
  PromiseUpdateResponse,
} from './api/writeTypes';
export type {
  WhatIfCounts,
  WhatIfDestinationEffect,
  WhatIfDestinationsRequest,
  WhatIfGroupEffect,
  WhatIfMatchChange,
  WhatIfPromiseEffect,
  WhatIfPromiseRequest,
  WhatIfResponse,
  WhatIfSelectorView,
  WhatIfSummary,
  WhatIfTiming,
  WhatIfWarning,
  WhatIfWarningCode,
  WhatIfWorkflowReruns,
  WhatIfWorkKind,
  WhatIfWorkPlacementRef,
  WhatIfWorkRef,
} from './api/whatIfTypes';

// The client of that API (browser and backend)
export { KratixApiClient } from './client/KratixApiClient';
export type {
  CleanupProgressCallback,
  KratixApiClientOptions,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PlatformRevision,
} from './client/types';

// Workflow runs (Kratix's Jobs and Pods)
export type {
  WorkflowContainerRun,
  WorkflowLogResponse,
  WorkflowRun,
  WorkflowRunOutcome,
  WorkflowRunTrigger,
  WorkflowRunsResponse,
  WorkflowType,
} from './api/workflowTypes';
export { rerunProgress } from './rules/workflowReruns';
export type { RerunProgress } from './rules/workflowReruns';
