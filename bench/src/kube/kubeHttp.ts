/*
 * A minimal keep-alive HTTPS client for the bench apiserver (admin client certificate from the
 * kubeconfig): fast parallel creates for the seed, and /metrics. The figures' baselines use kubectl
 * and @kubernetes/client-node instead (baselines.ts).
 */
import { KubeConfig } from '@kubernetes/client-node';
import https from 'node:https';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: string, what: string) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export class KubeHttp {
  private constructor(
    private readonly server: URL,
    private readonly agent: https.Agent,
    private readonly tls: https.RequestOptions,
  ) {}

  static async fromKubeconfig(
    path: string,
    maxSockets = 64,
  ): Promise<KubeHttp> {
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    const tls: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(tls);
    const server = new URL(kc.getCurrentCluster()!.server);
    const agent = new https.Agent({
      keepAlive: true,
      maxSockets,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
    });
    return new KubeHttp(server, agent, {
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      headers: tls.headers,
    });
  }

  request(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; text: string }> {
    const payload =
      body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          ...this.tls,
          agent: this.agent,
          hostname: this.server.hostname,
          port: this.server.port,
          method,
          path,
          headers: {
            ...(this.tls.headers ?? {}),
            Accept: 'application/json',
            // The apiserver names the field manager after this: "manager", like the Kratix manager.
            'User-Agent': 'manager/v0.125.0 (kratix-backstage bench seed)',
            ...(payload
              ? {
                  'Content-Type': contentType,
                  'Content-Length': payload.length,
                }
              : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async json(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<any> {
    const res = await this.request(method, path, body, contentType);
    if (res.status >= 300)
      throw new ApiError(res.status, res.text, `${method} ${path}`);
    return res.text ? JSON.parse(res.text) : undefined;
  }

  /** Creates an object (POST to its collection); an existing one (409) is read back instead. */
  async create(collection: string, body: any): Promise<any> {
    const res = await this.request('POST', collection, body);
    if (res.status === 409)
      return this.json('GET', `${collection}/${body.metadata.name}`);
    if (res.status >= 300)
      throw new ApiError(
        res.status,
        res.text,
        `create ${collection}/${body.metadata.name}`,
      );
    return JSON.parse(res.text);
  }

  /** Writes the status subresource (merge patch), as the Kratix manager's status updates do. */
  patchStatus(objectPath: string, status: unknown): Promise<any> {
    return this.json(
      'PATCH',
      `${objectPath}/status`,
      { status },
      'application/merge-patch+json',
    );
  }

  async text(path: string): Promise<string> {
    const res = await this.request('GET', path);
    if (res.status >= 300)
      throw new ApiError(res.status, res.text, `GET ${path}`);
    return res.text;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** API paths of Kratix and core objects. */
export const paths = {
  kratix: (plural: string, namespace?: string) =>
    namespace
      ? `/apis/platform.kratix.io/v1alpha1/namespaces/${namespace}/${plural}`
      : `/apis/platform.kratix.io/v1alpha1/${plural}`,
  custom: (
    group: string,
    version: string,
    plural: string,
    namespace?: string,
  ) =>
    namespace
      ? `/apis/${group}/${version}/namespaces/${namespace}/${plural}`
      : `/apis/${group}/${version}/${plural}`,
  namespaces: '/api/v1/namespaces',
  secrets: (namespace: string) => `/api/v1/namespaces/${namespace}/secrets`,
  crds: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
};
