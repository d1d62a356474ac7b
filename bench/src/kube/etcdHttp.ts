/*
 * Writes straight into the bench control plane's etcd (its JSON gateway, /v3/kv/put), under the
 * keys the apiserver uses. Only for seeding (seed/bulk.ts): the apiserver sees the objects through
 * its etcd watch like any other write. One put per object, so that each object gets its own
 * revision (= resourceVersion), as through the apiserver.
 */
import http from 'node:http';

export const registryKey = (
  group: string,
  plural: string,
  namespace: string | undefined,
  name: string,
) => `/registry/${group}/${plural}/${namespace ? `${namespace}/` : ''}${name}`;

const b64 = (s: string) => Buffer.from(s).toString('base64');

export class EtcdHttp {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  constructor(private readonly url: URL) {}

  private post(path: string, body: unknown): Promise<any> {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path,
          method: 'POST',
          agent: this.agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': payload.length,
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) >= 300)
              reject(
                new Error(
                  `etcd ${path}: HTTP ${res.statusCode} ${text.slice(0, 300)}`,
                ),
              );
            else resolve(JSON.parse(text));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Puts every entry, `parallel` at a time. */
  async putAll(
    entries: ReadonlyArray<{ key: string; value: string }>,
    parallel = 16,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const e = entries[next++];
        await this.post('/v3/kv/put', { key: b64(e.key), value: b64(e.value) });
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  close(): void {
    this.agent.destroy();
  }
}
