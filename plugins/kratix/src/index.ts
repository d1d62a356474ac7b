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
  EntityKratixWorkflowsContent,
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
// The entity contract is defined once in -common; re-exported here for the frontend's adopters.
export {
  KRATIX_DESTINATION_NAME_ANNOTATION,
  KRATIX_PLATFORM_ANNOTATION,
  KRATIX_PROMISE_NAME_ANNOTATION,
  getKratixDestinationName,
  getKratixPlatformName,
  getKratixPromiseName,
  isKratixDestination,
  isKratixPromise,
} from '@kratix-backstage/plugin-kratix-common';
export {
  KratixDestinationSelectorsFieldExtension,
  KratixPromiseWhatIfFieldExtension,
  KratixYamlTextFieldExtension,
} from './scaffolder/legacy';
