/**
 * Common functionality for the Kratix Backstage plugins: permissions, the slim model of Kratix
 * objects, the API types and the pure Kratix rules (selectors, matching, misplacement, deletion).
 * Usable from both frontend and backend packages.
 *
 * @packageDocumentation
 */

export {
  KRATIX_PROMISE_RESOURCE_TYPE,
  kratixPermissions,
  kratixPromiseReadPermission,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
  kratixWorkflowLogsReadPermission,
} from './permissions';
export * from './model/labels';
export * from './model/kratixVersion';
export * from './model/objects';
export * from './model/order';
export * from './rules/selectors';
export * from './rules/matching';
export * from './rules/misplacement';
export * from './rules/stateStorePaths';
export * from './rules/deletionPreflight';
export * from './rules/staticDependencyWorks';
export * from './api/readTypes';
export * from './api/writeTypes';
export * from './rules/labelSyntax';
export * from './model/promiseApi';
export * from './whatIf';
export * from './api/whatIfTypes';
export * from './api/workflowTypes';
