/**
 * The kratix module for `@backstage/plugin-catalog-backend`: every Kratix Promise becomes a
 * Component and every Destination a Resource in the catalog.
 *
 * @packageDocumentation
 */

export { catalogModuleKratix as default } from './module';
export {
  KratixEntityProvider,
  cacheSyncSignal,
} from './provider/KratixEntityProvider';
export type {
  KratixEntityProviderOptions,
  SyncSignal,
} from './provider/KratixEntityProvider';
export {
  buildPromiseEntity,
  buildDestinationEntity,
  kratixLocationRef,
  ownerOf,
} from './entities/buildEntities';
export type { EntityContext } from './entities/buildEntities';
export { kratixEntityName } from './entities/naming';
export {
  ANNOTATION_API_GROUP,
  ANNOTATION_API_KIND,
  ANNOTATION_API_PATH,
  ANNOTATION_API_PLURAL,
  ANNOTATION_API_VERSION,
  ANNOTATION_DELETING,
  ANNOTATION_DESTINATION_PATH,
  ANNOTATION_DESTINATION_SELECTORS,
  ANNOTATION_PROMISE_VERSION,
  ANNOTATION_READY,
  ANNOTATION_READY_REASON,
  ANNOTATION_STATE_STORE,
  ANNOTATION_STATUS,
  DESTINATION_ENTITY_TYPE,
  PROMISE_ENTITY_TYPE,
} from './entities/annotations';
export { readKratixCatalogConfig } from './config';
export type { KratixCatalogConfig } from './config';
