import type {
  MatrixResponse,
  MisplacedListResponse,
  PlatformListResponse,
  PromiseListResponse,
  PromiseManifest,
  PromiseResponse,
  PromiseTargetingResponse,
  PromiseWorksResponse,
  WorkloadGroupPage,
} from '../api/readTypes';
import type {
  CleanupPreflightRequest,
  CleanupPreflightResponse,
  CleanupRequest,
  CleanupResponse,
  HistoryResponse,
  PromiseUpdateRequest,
  PromiseUpdateResponse,
} from '../api/writeTypes';
import type { WhatIfPromiseRequest, WhatIfResponse } from '../api/whatIfTypes';
import type {
  WorkflowLogResponse,
  WorkflowRun,
  WorkflowRunsResponse,
} from '../api/workflowTypes';
import { readCleanupStream } from './cleanupStream';
import { parseJson, responseError } from './responses';
import type {
  CleanupProgressCallback,
  KratixApiClientOptions,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PlatformRevision,
} from './types';

const PLUGIN_ID = 'kratix';
const JSON_TYPE = 'application/json';
const NDJSON = 'application/x-ndjson';

type QueryValue = string | number | boolean | undefined;

/** `?a=1&b=x` from the defined values, or '' when there are none. */
function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function readQuery(options?: KratixReadOptions): string {
  return queryString({ allowStale: options?.allowStale || undefined });
}

const seg = encodeURIComponent;

function platformPath(platform: string): string {
  return `/platforms/${seg(platform)}`;
}

function promisePath(platform: string, promise: string): string {
  return `${platformPath(platform)}/promises/${seg(promise)}`;
}

/**
 * Client of the Kratix backend plugin's HTTP API (`/api/kratix`), usable from a browser and from
 * a backend. Every error answer rejects with a `ResponseError` (from `@backstage/errors`): its
 * `statusCode`, its `cause` (the backend's error name and message) and, as its message, the
 * backend's message, so a failed scaffolder task or a log line says why. A backend that
 * cannot be reached rejects with an Error naming the URL.
 *
 * @public
 */
export class KratixApiClient {
  private readonly discoveryApi: KratixApiClientOptions['discoveryApi'];
  private readonly fetchApi?: KratixApiClientOptions['fetchApi'];
  private readonly getToken?: KratixApiClientOptions['getToken'];

  constructor(options: KratixApiClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.getToken = options.getToken;
  }

  /** GET /health: checks that the Kratix backend plugin is up. */
  async health(): Promise<KratixHealth> {
    return this.get('/health');
  }

  /** GET /platforms */
  async listPlatforms(): Promise<PlatformListResponse> {
    return this.get('/platforms');
  }

  /** GET /platforms/:platform/revision (cheap; poll it to know when to read again) */
  async getRevision(platform: string): Promise<PlatformRevision> {
    return this.get(`${platformPath(platform)}/revision`);
  }

  /** GET /platforms/:platform/promises */
  async listPromises(
    platform: string,
    options?: KratixReadOptions,
  ): Promise<PromiseListResponse> {
    return this.get(`${platformPath(platform)}/promises${readQuery(options)}`);
  }

  /** GET /platforms/:platform/promises/:promise */
  async getPromise(
    platform: string,
    promise: string,
    options?: KratixReadOptions,
  ): Promise<PromiseResponse> {
    return this.get(`${promisePath(platform, promise)}${readQuery(options)}`);
  }

  /** GET /platforms/:platform/promises/:promise/manifest (read from the apiserver, not the cache) */
  async getPromiseManifest(
    platform: string,
    promise: string,
  ): Promise<PromiseManifest> {
    return this.get(`${promisePath(platform, promise)}/manifest`);
  }

  /** GET /platforms/:platform/promises/:promise/targeting (one page of workload groups) */
  async getPromiseTargeting(
    platform: string,
    promise: string,
    options?: KratixReadOptions & WorkloadGroupPage,
  ): Promise<PromiseTargetingResponse> {
    const query = queryString({
      allowStale: options?.allowStale || undefined,
      groupsOffset: options?.groupsOffset,
      groupsLimit: options?.groupsLimit,
    });
    return this.get(`${promisePath(platform, promise)}/targeting${query}`);
  }

  /** GET /platforms/:platform/promises/:promise/works */
  async getPromiseWorks(
    platform: string,
    promise: string,
    options?: KratixReadOptions,
  ): Promise<PromiseWorksResponse> {
    return this.get(
      `${promisePath(platform, promise)}/works${readQuery(options)}`,
    );
  }

  /** GET /platforms/:platform/misplaced (all Promises) */
  async listMisplaced(
    platform: string,
    query?: MisplacedQuery,
  ): Promise<MisplacedListResponse> {
    return this.get(
      `${platformPath(platform)}/misplaced${queryString({ ...query })}`,
    );
  }

  /** GET /platforms/:platform/promises/:promise/misplaced */
  async listPromiseMisplaced(
    platform: string,
    promise: string,
    query?: Omit<MisplacedQuery, 'promise'>,
  ): Promise<MisplacedListResponse> {
    return this.get(
      `${promisePath(platform, promise)}/misplaced${queryString({
        ...query,
      })}`,
    );
  }

  /** GET /platforms/:platform/matrix */
  async getMatrix(
    platform: string,
    options?: KratixReadOptions,
  ): Promise<MatrixResponse> {
    return this.get(`${platformPath(platform)}/matrix${readQuery(options)}`);
  }

  /** GET /platforms/:platform/promises/:promise/history */
  async getHistory(
    platform: string,
    promise: string,
  ): Promise<HistoryResponse> {
    return this.get(`${promisePath(platform, promise)}/history`);
  }

  /**
   * GET /platforms/:platform/promises/:promise/workflows: the Kratix workflow runs of a Promise
   * (its configure/delete workflows and its resource requests'), or of one resource request.
   */
  async listWorkflowRuns(
    platform: string,
    promise: string,
    resource?: { namespace: string; name: string },
  ): Promise<WorkflowRunsResponse> {
    const query = queryString({
      resource: resource ? `${resource.namespace}/${resource.name}` : undefined,
    });
    return this.get(`${promisePath(platform, promise)}/workflows${query}`);
  }

  /** GET …/workflows/:namespace/:job/logs?container=: the tail of one container's log. */
  async readWorkflowLog(
    platform: string,
    promise: string,
    run: Pick<WorkflowRun, 'namespace' | 'jobName'>,
    container: string,
  ): Promise<WorkflowLogResponse> {
    return this.get(
      `${promisePath(platform, promise)}/workflows/${seg(run.namespace)}/${seg(
        run.jobName,
      )}/logs${queryString({ container })}`,
    );
  }

  /**
   * POST /platforms/:platform/promises/:promise/update. 409 when the Promise changed since
   * `resourceVersion`, 400 with the apiserver's message when the change is invalid.
   */
  async updatePromise(
    platform: string,
    promise: string,
    request: PromiseUpdateRequest,
  ): Promise<PromiseUpdateResponse> {
    return this.post(`${promisePath(platform, promise)}/update`, request);
  }

  /** POST /platforms/:platform/promises/:promise/preview: what the change would do to placements. */
  async previewPromise(
    platform: string,
    promise: string,
    request: WhatIfPromiseRequest,
  ): Promise<WhatIfResponse> {
    return this.post(`${promisePath(platform, promise)}/preview`, request);
  }

  /** POST /platforms/:platform/cleanup/preflight */
  async cleanupPreflight(
    platform: string,
    request: CleanupPreflightRequest,
  ): Promise<CleanupPreflightResponse> {
    return this.post(`${platformPath(platform)}/cleanup/preflight`, request);
  }

  /** POST /platforms/:platform/cleanup (one JSON answer when it is done). */
  async cleanup(
    platform: string,
    request: CleanupRequest,
  ): Promise<CleanupResponse> {
    return this.post(`${platformPath(platform)}/cleanup`, request);
  }

  /**
   * POST /platforms/:platform/cleanup asking for an ndjson stream: `onProgress` is called for
   * each WorkPlacement as the backend finishes it. Falls back to the plain JSON answer (then
   * `onProgress` is called for each result at the end).
   */
  async cleanupWithProgress(
    platform: string,
    request: CleanupRequest,
    onProgress: CleanupProgressCallback,
  ): Promise<CleanupResponse> {
    const res = await this.send('POST', `${platformPath(platform)}/cleanup`, {
      body: request,
      accept: NDJSON,
    });

    if (!(res.headers.get('content-type') ?? '').includes(NDJSON)) {
      // The backend answered with one JSON document.
      const body = (await parseJson(res)) as CleanupResponse;
      body.results.forEach((r, i) => onProgress(r, i + 1));
      return body;
    }

    return readCleanupStream(res, platform, request, onProgress);
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; accept?: string } = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const url = `${baseUrl}${path}`;
    const token = this.getToken ? await this.getToken() : undefined;
    const headers: Record<string, string> = {
      Accept: options.accept ?? JSON_TYPE,
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = JSON_TYPE;
    const doFetch = this.fetchApi
      ? this.fetchApi.fetch.bind(this.fetchApi)
      : globalThis.fetch;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers,
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (e) {
      throw new Error(
        `cannot reach the Kratix backend at ${url}: ${
          (e as Error)?.message ?? e
        }`,
      );
    }
    if (!res.ok) throw await responseError(res);
    return res;
  }

  private async get<T>(path: string): Promise<T> {
    return (await parseJson(await this.send('GET', path))) as T;
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    return (await parseJson(await this.send('POST', path, { body }))) as T;
  }
}
