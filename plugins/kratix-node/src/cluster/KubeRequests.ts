import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { CONNECTION_POOL_TTL_MS } from './reuseConnections';

/** A non-2xx answer, shaped like client-node's ApiException (`code`, `body`) for errors.ts. */
export class KubeRequestError extends Error {
  constructor(readonly code: number, readonly body: string, what: string) {
    super(`${what}: HTTP ${code}`);
  }
}

export interface KubeRequest {
  method: 'GET' | 'DELETE';
  /** Path and query, e.g. `/apis/platform.kratix.io/v1alpha1/workplacements?limit=500`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** No answer within this long ends the request with an error (a 503 for the caller). */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Plain HTTP/1.1 requests to a platform's apiserver, authenticated by client-node's own
 * `applyToHTTPSOptions` (client certificates, tokens, exec and auth-provider plugins, proxies), for
 * the two hot paths: cache-sync LIST pages and cleanup GET/DELETEs. client-node's generated API
 * (undici fetch over HTTP/2, web streams, ObjectSerializer) costs ~1 ms of CPU per request and
 * ~40 % more CPU per listed object than reading the same JSON here (bench/README.md, "What
 * bounds the cleanup"); the apiserver's answers are the same.
 *
 * Connections are kept alive in one pool that is rebuilt from the credentials every `ttlMs`, like
 * reuseConnections.ts. A cluster behind a proxy (kubeconfig `proxy-url`) or on plain http uses
 * client-node's own agent for it.
 */
export class KubeRequests {
  private pool?: { agent: https.Agent; expires: number };

  constructor(
    private readonly kc: KubeConfig,
    private readonly ttlMs = CONNECTION_POOL_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends the request; resolves the parsed JSON answer, rejects a non-2xx with KubeRequestError. */
  async json(req: KubeRequest): Promise<any> {
    const text = await this.send(req);
    return text ? JSON.parse(text) : undefined;
  }

  private async send(req: KubeRequest): Promise<string> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error('no cluster in the kubeconfig');
    const server = new URL(cluster.server);
    const opts: https.RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(opts);
    const plainHttp = server.protocol === 'http:';
    // Our pool carries the TLS material; left in the request too, it would be stringified into
    // the pool key on every request.
    const tlsOrAgent =
      plainHttp || cluster.proxyUrl
        ? opts
        : { agent: this.keptAlive(opts), auth: opts.auth };
    const payload =
      req.body === undefined
        ? undefined
        : Buffer.from(JSON.stringify(req.body));
    const basePath = server.pathname.replace(/\/$/, '');
    return new Promise<string>((resolve, reject) => {
      const request = (plainHttp ? http : https).request(
        {
          ...tlsOrAgent,
          protocol: server.protocol,
          hostname: server.hostname,
          port: server.port,
          method: req.method,
          path: basePath + req.path,
          headers: {
            ...(opts.headers as Record<string, string>),
            ...req.headers,
            Accept: 'application/json',
            ...(payload
              ? {
                  'Content-Type': 'application/json',
                  'Content-Length': String(payload.length),
                }
              : {}),
          },
        },
        res => {
          // Decoded as it arrives: a LIST page is megabytes, and joining its chunks into one
          // Buffer first would make a large malloc'd allocation per page (process RSS that the
          // allocator keeps after the sync; the string goes to V8's heap, which gives it back).
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(text);
            else
              reject(
                new KubeRequestError(status, text, `${req.method} ${req.path}`),
              );
          });
        },
      );
      request.setTimeout(REQUEST_TIMEOUT_MS, () =>
        request.destroy(
          Object.assign(new Error('no answer from the apiserver'), {
            code: 'ETIMEDOUT',
          }),
        ),
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** The kept-alive pool for these TLS credentials, rebuilt every ttlMs (rotated certificates). */
  private keptAlive(opts: https.RequestOptions): https.Agent {
    const at = this.now();
    if (this.pool && at < this.pool.expires) return this.pool.agent;
    const agent = new https.Agent({
      keepAlive: true,
      ca: opts.ca,
      cert: opts.cert,
      key: opts.key,
      pfx: opts.pfx,
      passphrase: opts.passphrase,
      servername: opts.servername,
      rejectUnauthorized: opts.rejectUnauthorized,
    });
    // A replaced pool is not destroyed (a request may just have been handed it): its idle
    // keep-alive sockets close on their own.
    this.pool = { agent, expires: at + this.ttlMs };
    return agent;
  }
}
