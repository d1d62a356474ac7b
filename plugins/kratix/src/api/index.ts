export { kratixApiRef } from './KratixApi';
export type {
  CleanupProgressCallback,
  KratixApi,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PlatformRevision,
  PromiseManifest,
} from './KratixApi';
export type { PromisePreviewRequest, PromisePreviewResponse } from './preview';
export { KratixClient } from './KratixClient';
