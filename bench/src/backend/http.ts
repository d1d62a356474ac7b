/** HTTP to the backend under test over one keep-alive connection; times each request to its last byte. */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export interface HttpResult {
  status: number;
  ms: number;
  bytes: number;
  text: string;
}

/** The options of one JSON request to the backend on 127.0.0.1, and its body. */
function jsonRequest(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  via: http.Agent,
  headers: Record<string, string> = {},
): { options: http.RequestOptions; payload?: Buffer } {
  const payload =
    body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return {
    payload,
    options: {
      host: '127.0.0.1',
      port,
      method,
      path,
      agent: via,
      headers: {
        Accept: 'application/json',
        ...(payload
          ? {
              'Content-Type': 'application/json',
              'Content-Length': payload.length,
            }
          : {}),
        ...headers,
      },
    },
  };
}

export function request(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const { options, payload } = jsonRequest(
    port,
    method,
    path,
    body,
    agent,
    headers,
  );
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(options, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - t0,
          bytes: buf.length,
          text: buf.toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** A request that must answer 200; returns the parsed body and the time. */
export async function ok(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ json: any; ms: number; bytes: number }> {
  const r = await request(port, method, path, body);
  if (r.status !== 200)
    throw new Error(
      `${method} ${path}: HTTP ${r.status} ${r.text.slice(0, 500)}`,
    );
  return { json: JSON.parse(r.text), ms: r.ms, bytes: r.bytes };
}

/**
 * A request that must answer 200, timed to its last byte; the body is counted and dropped, not
 * decoded. Timed runs use it: decoding megabytes of JSON in the measuring process would leave
 * garbage whose collection lands inside the next request's time.
 */
export async function timedOk(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  via: http.Agent = agent,
): Promise<{ ms: number; bytes: number }> {
  const { options, payload } = jsonRequest(port, method, path, body, via);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(options, res => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => {
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) {
          reject(new Error(`${method} ${path}: HTTP ${res.statusCode}`));
        } else {
          resolve({ ms, bytes });
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
