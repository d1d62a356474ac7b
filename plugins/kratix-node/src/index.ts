/**
 * Node.js library of the Kratix Backstage plugins: the platform registry service (Kubernetes
 * client + watch cache per platform).
 *
 * @packageDocumentation
 */
export { kratixPlatformsServiceRef } from './service';
export { PlatformRegistry } from './PlatformRegistry';
export type { Platform } from './PlatformRegistry';
export { PlatformCache, nsKey, storeKey } from './cache/PlatformCache';
export type { CacheStatus } from './cache/PlatformCache';
export type { StoreChange } from './cache/IndexedStore';
export { IndexedStore } from './cache/IndexedStore';
export { PlacementCounts } from './cache/PlacementCounts';
export type { PlacementCount, PlacementOf } from './cache/PlacementCounts';
export { PLACEMENT_ASPECT } from './cache/placementAspect';
export { KratixClusterClient, FIELD_MANAGER } from './cluster/KratixClusterClient';
export type { ActingIdentity, WriteOptions } from './cluster/KratixClusterClient';
export { readPlatformConfigs } from './cluster/platformConfig';
export type { PlatformConfig } from './cluster/platformConfig';
export { kubeConfigFor } from './cluster/kubeConfigFor';
export { toBackstageError, kubeStatusOf } from './cluster/errors';
export * from './cluster/kratixKinds';
export { slimPromise, slimDestination, slimWork, slimWorkPlacement, slimStateStore } from './cache/slim';
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
