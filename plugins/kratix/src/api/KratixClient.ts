import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CleanupItemResult,
  CleanupOutcome,
  CleanupPreflightRequest,
  CleanupPreflightResponse,
  CleanupRequest,
  CleanupResponse,
  HistoryResponse,
  MatrixResponse,
  MisplacedListResponse,
  PlatformListResponse,
  PromiseListResponse,
  PromiseResponse,
  PromiseTargetingResponse,
  WorkloadGroupPage,
  PromiseUpdateRequest,
  PromiseUpdateResponse,
  PromiseWorksResponse,
} from '@kratix-backstage/plugin-kratix-common';
import {
  CleanupProgressCallback,
  KratixApi,
  KratixHealth,
  KratixReadOptions,
  MisplacedQuery,
  PlatformRevision,
  PromiseManifest,
} from './KratixApi';
import {
  PROMISE_PREVIEW_PATH,
  PromisePreviewRequest,
  PromisePreviewResponse,
} from './preview';
import { readNdjson } from './readNdjson';

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

const seg = encodeURIComponent;

function readQuery(options?: KratixReadOptions): string {
  return queryString({ allowStale: options?.allowStale || undefined });
}

/**
 * Default {@link KratixApi} implementation, talking to the Kratix backend
 * plugin through the discovery and fetch APIs (which add the user's token).
 *
 * @public
 */
export class KratixClient implements KratixApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async health(): Promise<KratixHealth> {
    return this.get('/health');
  }

  async listPlatforms(): Promise<PlatformListResponse> {
    return this.get('/platforms');
  }

  async getRevision(platform: string): Promise<PlatformRevision> {
    return this.get(`/platforms/${seg(platform)}/revision`);
  }

  async listPromises(
    platform: string,
    options?: KratixReadOptions,
  ): Promise<PromiseListResponse> {
    return this.get(
      `/platforms/${seg(platform)}/promises${readQuery(options)}`,
    );
  }

  async getPromise(
    platform: string,
    promise: string,
    options?: KratixReadOptions,
  ): Promise<PromiseResponse> {
    return this.get(
      `${this.promisePath(platform, promise)}${readQuery(options)}`,
    );
  }

  async getPromiseManifest(
    platform: string,
    promise: string,
  ): Promise<PromiseManifest> {
    return this.get(`${this.promisePath(platform, promise)}/manifest`);
  }

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
    return this.get(`${this.promisePath(platform, promise)}/targeting${query}`);
  }

  async getPromiseWorks(
    platform: string,
    promise: string,
    options?: KratixReadOptions,
  ): Promise<PromiseWorksResponse> {
    return this.get(
      `${this.promisePath(platform, promise)}/works${readQuery(options)}`,
    );
  }

  async listMisplaced(
    platform: string,
    query?: MisplacedQuery,
  ): Promise<MisplacedListResponse> {
    return this.get(
      `/platforms/${seg(platform)}/misplaced${queryString({ ...query })}`,
    );
  }

  async listPromiseMisplaced(
    platform: string,
    promise: string,
    query?: Omit<MisplacedQuery, 'promise'>,
  ): Promise<MisplacedListResponse> {
    return this.get(
      `${this.promisePath(platform, promise)}/misplaced${queryString({
        ...query,
      })}`,
    );
  }

  async getMatrix(
    platform: string,
    options?: KratixReadOptions,
  ): Promise<MatrixResponse> {
    return this.get(`/platforms/${seg(platform)}/matrix${readQuery(options)}`);
  }

  async getHistory(
    platform: string,
    promise: string,
  ): Promise<HistoryResponse> {
    return this.get(`${this.promisePath(platform, promise)}/history`);
  }

  async updatePromise(
    platform: string,
    promise: string,
    request: PromiseUpdateRequest,
  ): Promise<PromiseUpdateResponse> {
    return this.post(`${this.promisePath(platform, promise)}/update`, request);
  }

  async previewPromise(
    platform: string,
    promise: string,
    request: PromisePreviewRequest,
  ): Promise<PromisePreviewResponse> {
    return this.post(
      `${this.promisePath(platform, promise)}${PROMISE_PREVIEW_PATH}`,
      request,
    );
  }

  async cleanupPreflight(
    platform: string,
    request: CleanupPreflightRequest,
  ): Promise<CleanupPreflightResponse> {
    return this.post(`/platforms/${seg(platform)}/cleanup/preflight`, request);
  }

  async cleanup(
    platform: string,
    request: CleanupRequest,
  ): Promise<CleanupResponse> {
    return this.post(`/platforms/${seg(platform)}/cleanup`, request);
  }

  async cleanupWithProgress(
    platform: string,
    request: CleanupRequest,
    onProgress: CleanupProgressCallback,
  ): Promise<CleanupResponse> {
    const res = await this.send(`/platforms/${seg(platform)}/cleanup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: NDJSON },
      body: JSON.stringify(request),
    });

    if (!(res.headers.get('content-type') ?? '').includes(NDJSON)) {
      // The backend answered with one JSON document.
      const body = (await res.json()) as CleanupResponse;
      body.results.forEach((r, i) => onProgress(r, i + 1));
      return body;
    }

    const results: CleanupItemResult[] = [];
    let summary: Record<CleanupOutcome, number> | undefined;
    let header: Partial<CleanupResponse> = {};
    await readNdjson(res, line => {
      const value = line as Record<string, unknown>;
      if (value.error && typeof value.error === 'object') {
        const err = value.error as { name?: string; message?: string };
        const error = new Error(err.message ?? 'cleanup failed');
        error.name = err.name ?? 'Error';
        throw error;
      }
      if (value.summary) {
        summary = value.summary as Record<CleanupOutcome, number>;
        header = value as Partial<CleanupResponse>;
        return;
      }
      const result = value as unknown as CleanupItemResult;
      results.push(result);
      onProgress(result, results.length);
    });

    return {
      platform: header.platform ?? platform,
      dryRun: header.dryRun ?? Boolean(request.dryRun),
      results,
      summary: summary ?? countOutcomes(results),
    };
  }

  private promisePath(platform: string, promise: string): string {
    return `/platforms/${seg(platform)}/promises/${seg(promise)}`;
  }

  private async send(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('kratix');
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(await withErrorEnvelope(res));
    }
    return res;
  }

  private async get<T>(path: string): Promise<T> {
    const res = await this.send(path);
    return (await res.json()) as T;
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await this.send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  }
}

/**
 * The backend's error bodies are `{ error: { name, message }, response: { statusCode } }`;
 * ResponseError only takes the server's error as its cause when `response` is there, so add it
 * when a body carries just `error` (keeps `cause.message` the backend's message).
 */
async function withErrorEnvelope(res: Response) {
  const text = await res.text();
  let patched = text;
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object' && body.error && !body.response) {
      patched = JSON.stringify({
        ...body,
        response: { statusCode: res.status },
      });
    }
  } catch {
    // not JSON: ResponseError keeps the text
  }
  return {
    headers: res.headers,
    ok: res.ok,
    redirected: res.redirected,
    status: res.status,
    statusText: res.statusText,
    type: res.type,
    url: res.url,
    text: async () => patched,
  };
}

function countOutcomes(
  results: CleanupItemResult[],
): Record<CleanupOutcome, number> {
  const summary: Record<CleanupOutcome, number> = {
    deleted: 0,
    refused: 0,
    failed: 0,
  };
  for (const r of results) summary[r.outcome] += 1;
  return summary;
}
