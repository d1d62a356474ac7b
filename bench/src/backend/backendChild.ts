/*
 * The backend under test, as its own Node process: the real Kratix backend plugin with the real
 * `kratixPlatformsServiceRef` default factory (one watch cache per platform), started with
 * startTestBackend (mock auth/permissions/auditor, in-memory database) and config from
 * BENCH_BACKEND_CONFIG. It reports to the parent over IPC: its port once listening, and
 * process.memoryUsage() when asked. Nothing bench-specific is added to the product.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import kratixPlugin from '@kratix-backstage/plugin-kratix-backend';
import { AddressInfo } from 'node:net';

export type ChildMessage =
  | { type: 'listening'; port: number; bootMs: number }
  | {
      type: 'memory';
      rss: number;
      heapUsed: number;
      heapTotal: number;
      external: number;
      arrayBuffers: number;
      maxRss: number;
      gc: boolean;
    }
  | { type: 'cpu'; user: number; system: number }
  | { type: 'error'; message: string };

export type ParentMessage =
  | { type: 'memory' }
  | { type: 'cpu' }
  | { type: 'stop' };

const send = (m: ChildMessage) => process.send?.(m);

async function main() {
  const config = JSON.parse(process.env.BENCH_BACKEND_CONFIG ?? '{}');
  const backend = await startTestBackend({
    features: [
      kratixPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  send({ type: 'listening', port, bootMs: performance.now() });
  process.on('message', async (m: ParentMessage) => {
    if (m.type === 'memory') {
      const gc = (globalThis as any).gc as (() => void) | undefined;
      gc?.();
      const u = process.memoryUsage();
      send({
        type: 'memory',
        rss: u.rss,
        heapUsed: u.heapUsed,
        heapTotal: u.heapTotal,
        external: u.external,
        arrayBuffers: u.arrayBuffers,
        maxRss: process.resourceUsage().maxRSS * 1024,
        gc: Boolean(gc),
      });
    } else if (m.type === 'cpu') {
      send({ type: 'cpu', ...process.cpuUsage() });
    } else if (m.type === 'stop') {
      await backend.stop().catch(() => {});
      process.exit(0);
    }
  });
}

main().catch(e => {
  send({ type: 'error', message: String(e?.stack ?? e) });
  process.exit(1);
});
