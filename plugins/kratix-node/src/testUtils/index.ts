/**
 * Test helpers of the Kratix platforms service: the default registry (built from configuration or
 * from in-memory platforms), a cache to fill by hand, and the converters from Kratix objects to
 * the slim model.
 *
 * @packageDocumentation
 */
export { PlatformRegistry } from '../PlatformRegistry';
export type { CachedPlatform } from '../PlatformRegistry';
export { PlatformCache } from '../cache/PlatformCache';
export { memoryCache } from './memoryCache';
export { readPlatformConfigs } from '../cluster/platformConfig';
export {
  slimDestination,
  slimPromise,
  slimStateStore,
  slimWork,
  slimWorkPlacement,
} from '../cache/slim';
export type {
  KratixObjectStore,
  KratixPlatformCache,
  KratixPlatformStatus,
  KratixStoreChange,
  KratixWatchStatus,
  KratixPlatformsService,
  Platform,
} from '../KratixPlatformsService';
export type {
  ActingIdentity,
  KratixClusterClient,
  ListPage,
  WatchEventType,
  WriteOptions,
} from '../cluster/KratixClusterClient';
export type { KratixKind } from '../cluster/kratixKinds';
export type { PlatformConfig } from '../cluster/platformConfig';
