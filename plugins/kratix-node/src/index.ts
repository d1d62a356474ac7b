/**
 * Node.js library of the Kratix Backstage plugins: the Kratix platforms service (Kubernetes
 * client + watch cache per platform), the Promise permission rules and the scheduling what-if
 * engine.
 *
 * @packageDocumentation
 */
export { kratixPlatformsServiceRef } from './service';
export type {
  KratixObjectStore,
  KratixPlacementCount,
  KratixPlacementCounts,
  KratixPlatformCache,
  KratixPlatformsService,
  KratixPlatformStatus,
  KratixStoreChange,
  KratixWatchStatus,
  Platform,
} from './KratixPlatformsService';
export { nsKey } from './cache/PlatformCache';
export type {
  ActingIdentity,
  KratixClusterClient,
  ListPage,
  WatchEventType,
  WriteOptions,
} from './cluster/KratixClusterClient';
export type { KratixKind } from './cluster/kratixKinds';
export { PLACEMENT_ASPECT } from './cache/placementAspect';
export type { PlatformConfig } from './cluster/platformConfig';
export { kubeConfigFor } from './cluster/kubeConfigFor';
export { toBackstageError, kubeStatusOf } from './cluster/errors';
export { slimPromise, slimWorkPlacement } from './cache/slim';
export {
  kratixPromisePermissionResourceRef,
  kratixPromiseConditions,
  createKratixPromiseConditionalDecision,
  kratixPromiseRules,
  isPromiseOwner,
  promiseOwner,
  PROMISE_OWNER_ANNOTATION,
} from './permissions';
export type { KratixPromiseResource } from './permissions';
export {
  proposedPromiseFromSpec,
  whatIfDestinationChange,
  whatIfPromiseChange,
} from './whatIf';
export type {
  ProposedPromiseSpec,
  WhatIfOptions,
  WhatIfPicture,
} from './whatIf';
