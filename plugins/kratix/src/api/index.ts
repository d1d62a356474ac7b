export { kratixApiRef } from './KratixApi';
export type {
  CleanupProgressCallback,
  KratixApi,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PromiseManifest,
} from './KratixApi';
export type { PromisePreviewRequest, PromisePreviewResponse } from './preview';
export { KratixClient } from './KratixClient';
