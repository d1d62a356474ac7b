/**
 * Frontend plugin for Kratix (legacy frontend system exports; the new frontend
 * system plugin is the default export of `./alpha`).
 *
 * @packageDocumentation
 */

export {
  kratixPlugin,
  KratixPage,
  EntityKratixDestinationsContent,
  EntityKratixMisplacedContent,
  EntityKratixUpdatePromiseContent,
  EntityKratixHistoryCard,
  EntityKratixHistoryContent,
  EntityKratixDestinationContent,
} from './plugin';
export { rootRouteRef as kratixRootRouteRef } from './routes';
export { kratixApiRef, KratixClient } from './api';
export type {
  CleanupProgressCallback,
  KratixApi,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PlatformRevision,
  PromiseManifest,
  PromisePreviewRequest,
  PromisePreviewResponse,
} from './api';
export {
  KRATIX_PLATFORM_ANNOTATION,
  KRATIX_PROMISE_NAME_ANNOTATION,
  getKratixPlatformName,
  getKratixPromiseName,
  isKratixPromise,
} from './isKratixPromise';
export {
  KRATIX_DESTINATION_NAME_ANNOTATION,
  getKratixDestinationName,
  isKratixDestination,
} from './isKratixDestination';
export {
  KratixDestinationSelectorsFieldExtension,
  KratixPromiseWhatIfFieldExtension,
  KratixYamlTextFieldExtension,
} from './scaffolder/legacy';
