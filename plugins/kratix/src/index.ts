/**
 * Frontend plugin for Kratix (legacy frontend system exports; the new frontend
 * system plugin is the default export of `./alpha`).
 *
 * @packageDocumentation
 */

export { kratixPlugin, EntityKratixDestinationsContent } from './plugin';
export { kratixApiRef, KratixClient } from './api';
export type { KratixApi, KratixHealth } from './api';
export {
  KRATIX_PROMISE_NAME_ANNOTATION,
  getKratixPromiseName,
  isKratixPromise,
} from './isKratixPromise';
