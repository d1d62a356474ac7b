/**
 * The kratix module for @backstage/plugin-catalog-backend: every Kratix Promise becomes a
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
export { targetedDestinations } from './entities/targeting';
export * from './entities/annotations';
export { readKratixCatalogConfig } from './config';
export type { KratixCatalogConfig } from './config';
