import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CleanupPreflightRequest,
  CleanupPreflightResponse,
  CleanupRequest,
  CleanupResponse,
  PlatformListResponse,
  PromiseResponse,
  PromiseUpdateRequest,
  PromiseUpdateResponse,
  PromiseManifest,
  WhatIfPromiseRequest,
  WhatIfResponse,
} from '@kratix-backstage/plugin-kratix-common';


/**
 * A non-2xx answer of the Kratix backend. `message` is the backend's own `error.message` (e.g.
 * "kratix.promise.update is not allowed on Promise x for user:default/jane"), so a scaffolder task
 * that fails on it says why.
 */
export class KratixBackendError extends Error {
  constructor(
    message: string,
    /** HTTP status of the answer; undefined when the backend could not be reached. */
    readonly status?: number,
    /** The backend's error name (NotAllowedError, NotFoundError, ConflictError, InputError, ...). */
    readonly errorName?: string,
  ) {
    super(message);
    this.name = 'KratixBackendError';
  }
}

/** The Kratix backend's HTTP API, called as one user (the scaffolder task's initiator). */
export interface KratixBackendApi {
  listPlatforms(): Promise<PlatformListResponse>;
  getPromise(platform: string, promise: string): Promise<PromiseResponse>;
  getPromiseManifest(
    platform: string,
    promise: string,
  ): Promise<PromiseManifest>;
  previewPromise(
    platform: string,
    promise: string,
    body: WhatIfPromiseRequest,
  ): Promise<WhatIfResponse>;
  updatePromise(
    platform: string,
    promise: string,
    body: PromiseUpdateRequest,
  ): Promise<PromiseUpdateResponse>;
  cleanupPreflight(
    platform: string,
    body: CleanupPreflightRequest,
  ): Promise<CleanupPreflightResponse>;
  cleanup(platform: string, body: CleanupRequest): Promise<CleanupResponse>;
}

const TARGET_PLUGIN = 'kratix';

/** The message of an error answer: the backend's `error.message`, else status and body text. */
async function errorFrom(res: Response): Promise<KratixBackendError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (typeof body?.error?.message === 'string' && body.error.message) {
      return new KratixBackendError(
        body.error.message,
        res.status,
        body.error.name,
      );
    }
  } catch {
    // not JSON: fall through
  }
  const snippet = text.trim().slice(0, 300);
  return new KratixBackendError(
    `Kratix backend answered ${res.status} ${res.statusText}${
      snippet ? `: ${snippet}` : ''
    }`,
    res.status,
  );
}

/**
 * Calls the Kratix backend plugin (`/api/kratix`) on behalf of a user: a plugin request token for
 * `kratix` minted on behalf of the user's credentials, so the backend applies that user's
 * permissions, audits them as the actor and records them in the Promise's history. The only
 * place in this module that does HTTP.
 */
export class KratixBackendClient implements KratixBackendApi {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      fetch?: typeof fetch;
    },
    private readonly onBehalfOf: BackstageCredentials,
  ) {}

  /** A client for the scaffolder task's initiator. */
  static forCredentials(
    deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      fetch?: typeof fetch;
    },
    credentials: BackstageCredentials,
  ): KratixBackendClient {
    return new KratixBackendClient(deps, credentials);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: this.onBehalfOf,
      targetPluginId: TARGET_PLUGIN,
    });
    const baseUrl = await this.deps.discovery.getBaseUrl(TARGET_PLUGIN);
    const url = `${baseUrl}${path}`;
    const doFetch = this.deps.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new KratixBackendError(
        `cannot reach the Kratix backend at ${url}: ${
          (e as Error)?.message ?? e
        }`,
      );
    }
    if (!res.ok) throw await errorFrom(res);
    // Parsed here rather than with res.json(): the objects then belong to this module's realm
    // (fetch may live in another one, e.g. under Jest), which the scaffolder's templating needs
    // for step outputs.
    return JSON.parse(await res.text()) as T;
  }

  listPlatforms() {
    return this.request<PlatformListResponse>('GET', '/platforms');
  }

  getPromise(platform: string, promise: string) {
    return this.request<PromiseResponse>('GET', promisePath(platform, promise));
  }

  getPromiseManifest(platform: string, promise: string) {
    return this.request<PromiseManifest>(
      'GET',
      `${promisePath(platform, promise)}/manifest`,
    );
  }

  previewPromise(
    platform: string,
    promise: string,
    body: WhatIfPromiseRequest,
  ) {
    return this.request<WhatIfResponse>(
      'POST',
      `${promisePath(platform, promise)}/preview`,
      body,
    );
  }

  updatePromise(platform: string, promise: string, body: PromiseUpdateRequest) {
    return this.request<PromiseUpdateResponse>(
      'POST',
      `${promisePath(platform, promise)}/update`,
      body,
    );
  }

  cleanupPreflight(platform: string, body: CleanupPreflightRequest) {
    return this.request<CleanupPreflightResponse>(
      'POST',
      `${platformPath(platform)}/cleanup/preflight`,
      body,
    );
  }

  cleanup(platform: string, body: CleanupRequest) {
    return this.request<CleanupResponse>(
      'POST',
      `${platformPath(platform)}/cleanup`,
      body,
    );
  }
}

function platformPath(platform: string) {
  return `/platforms/${encodeURIComponent(platform)}`;
}

function promisePath(platform: string, promise: string) {
  return `${platformPath(platform)}/promises/${encodeURIComponent(promise)}`;
}

/** Creates the client for one action run, from the module's services. */
export type KratixBackendClientFactory = (
  credentials: BackstageCredentials,
) => KratixBackendApi;

export function kratixBackendClientFactory(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
  fetch?: typeof fetch;
}): KratixBackendClientFactory {
  return credentials => KratixBackendClient.forCredentials(deps, credentials);
}

export type { PromiseManifest };
