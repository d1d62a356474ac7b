import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CleanupPreflightRequest,
  CleanupPreflightResponse,
  CleanupRequest,
  CleanupResponse,
  HistoryResponse,
  MatrixResponse,
  MisplacedListResponse,
  PlatformListResponse,
  PromiseListResponse,
  PromiseManifest,
  PromiseResponse,
  PromiseTargetingResponse,
  WorkloadGroupPage,
  PromiseUpdateRequest,
  PromiseUpdateResponse,
  PromiseWorksResponse,
  CleanupProgressCallback,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PlatformRevision,
  WorkflowLogResponse,
  WorkflowRun,
  WorkflowRunsResponse,
} from '@kratix-backstage/plugin-kratix-common';
import type { PromisePreviewRequest, PromisePreviewResponse } from './preview';

/**
 * Client for the Kratix backend plugin (/api/kratix).
 *
 * @public
 */
export interface KratixApi {
  /** Checks that the Kratix backend plugin is up. */
  health(): Promise<KratixHealth>;

  /** GET /platforms */
  listPlatforms(): Promise<PlatformListResponse>;
  /** GET /platforms/:platform/revision (cheap; poll it to know when to read again) */
  getRevision(platform: string): Promise<PlatformRevision>;
  /** GET /platforms/:platform/promises */
  listPromises(
    platform: string,
    options?: KratixReadOptions,
  ): Promise<PromiseListResponse>;
  /** GET /platforms/:platform/promises/:promise */
  getPromise(
    platform: string,
    promise: string,
    options?: KratixReadOptions,
  ): Promise<PromiseResponse>;
  /** GET /platforms/:platform/promises/:promise/manifest (read from the apiserver, not the cache) */
  getPromiseManifest(
    platform: string,
    promise: string,
  ): Promise<PromiseManifest>;
  /** GET /platforms/:platform/promises/:promise/targeting (one page of workload groups) */
  getPromiseTargeting(
    platform: string,
    promise: string,
    options?: KratixReadOptions & WorkloadGroupPage,
  ): Promise<PromiseTargetingResponse>;
  /** GET /platforms/:platform/promises/:promise/works */
  getPromiseWorks(
    platform: string,
    promise: string,
    options?: KratixReadOptions,
  ): Promise<PromiseWorksResponse>;
  /** GET /platforms/:platform/misplaced (all Promises) */
  listMisplaced(
    platform: string,
    query?: MisplacedQuery,
  ): Promise<MisplacedListResponse>;
  /** GET /platforms/:platform/promises/:promise/misplaced */
  listPromiseMisplaced(
    platform: string,
    promise: string,
    query?: Omit<MisplacedQuery, 'promise'>,
  ): Promise<MisplacedListResponse>;
  /** GET /platforms/:platform/matrix */
  getMatrix(
    platform: string,
    options?: KratixReadOptions,
  ): Promise<MatrixResponse>;
  /** GET /platforms/:platform/promises/:promise/history */
  getHistory(platform: string, promise: string): Promise<HistoryResponse>;

  /** GET /platforms/:platform/promises/:promise/workflows (optionally of one resource request) */
  listWorkflowRuns(
    platform: string,
    promise: string,
    resource?: { namespace: string; name: string },
  ): Promise<WorkflowRunsResponse>;
  /** GET …/workflows/:namespace/:job/logs: the tail of one container's log (its own permission). */
  readWorkflowLog(
    platform: string,
    promise: string,
    run: Pick<WorkflowRun, 'namespace' | 'jobName'>,
    container: string,
  ): Promise<WorkflowLogResponse>;

  /**
   * POST /platforms/:platform/promises/:promise/update. Rejects with a ResponseError: 409 when
   * the Promise changed since `resourceVersion`, 400 with the apiserver's message when invalid.
   */
  updatePromise(
    platform: string,
    promise: string,
    request: PromiseUpdateRequest,
  ): Promise<PromiseUpdateResponse>;
  /** POST /platforms/:platform/promises/:promise/preview: what the change would do to placements. */
  previewPromise(
    platform: string,
    promise: string,
    request: PromisePreviewRequest,
  ): Promise<PromisePreviewResponse>;
  /** POST /platforms/:platform/cleanup/preflight */
  cleanupPreflight(
    platform: string,
    request: CleanupPreflightRequest,
  ): Promise<CleanupPreflightResponse>;
  /** POST /platforms/:platform/cleanup (one JSON answer when it is done). */
  cleanup(platform: string, request: CleanupRequest): Promise<CleanupResponse>;
  /**
   * POST /platforms/:platform/cleanup asking for an ndjson stream: `onProgress` is called for
   * each WorkPlacement as the backend finishes it. Falls back to the plain JSON answer (then
   * `onProgress` is called for each result at the end).
   */
  cleanupWithProgress(
    platform: string,
    request: CleanupRequest,
    onProgress: CleanupProgressCallback,
  ): Promise<CleanupResponse>;
}

/**
 * API reference for {@link KratixApi}. Usable from both the legacy and the new
 * frontend system.
 *
 * @public
 */
export const kratixApiRef = createApiRef<KratixApi>().with({
  id: 'plugin.kratix.service',
  pluginId: 'kratix',
});

export type {
  CleanupProgressCallback,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PlatformRevision,
  PromiseManifest,
};
