/**
 * Test helpers of the Kratix platforms service: the default registry (built from configuration or
 * from in-memory platforms), a cache to fill by hand, and the converters from Kratix objects to
 * the slim model.
 *
 * @packageDocumentation
 */
export { PlatformRegistry } from '../PlatformRegistry';
export { PlatformCache } from '../cache/PlatformCache';
export { readPlatformConfigs } from '../cluster/platformConfig';
export {
  slimDestination,
  slimPromise,
  slimStateStore,
  slimWork,
  slimWorkPlacement,
} from '../cache/slim';
