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
import { readFileSync } from 'node:fs';
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
      rssAnon?: number;
      rssFile?: number;
      lazyFree?: number;
      anonHugePages?: number;
      /** Resident part of the brk heap ([heap] in /proc/self/smaps): glibc malloc's main arena. */
      mallocBrk?: number;
      gc: boolean;
      /** How long the process was left idle before the sample (after the GCs). */
      idleMs: number;
    }
  | { type: 'cpu'; user: number; system: number }
  | { type: 'error'; message: string };

export type ParentMessage =
  | { type: 'memory'; idleMs?: number }
  | { type: 'cpu' }
  | { type: 'stop' };

const send = (m: ChildMessage) => process.send?.(m);

async function main() {
  const config = JSON.parse(process.env.BENCH_BACKEND_CONFIG ?? '{}');
  // BENCH_BACKEND_BARE=1: the same backend without the Kratix plugins (the memory figure's base).
  const bare = process.env.BENCH_BACKEND_BARE === '1';
  const backend = await startTestBackend({
    features: [
      ...(bare ? [] : [kratixPlugin]),
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  send({ type: 'listening', port, bootMs: performance.now() });
  process.on('message', async (m: ParentMessage) => {
    if (m.type === 'memory') {
      const gc = (globalThis as any).gc as (() => void) | undefined;
      // Full GC, a second for V8 to unmap the pages it freed, full GC again.
      gc?.();
      await new Promise(r => setTimeout(r, 1000));
      gc?.();
      // Optionally idle (no requests, no forced GC): V8's memory reducer gives pooled heap pages
      // back to the OS only after some idle seconds.
      const idleMs = m.idleMs ?? 0;
      if (idleMs) await new Promise(r => setTimeout(r, idleMs));
      const u = process.memoryUsage();
      send({
        type: 'memory',
        rss: u.rss,
        heapUsed: u.heapUsed,
        heapTotal: u.heapTotal,
        external: u.external,
        arrayBuffers: u.arrayBuffers,
        maxRss: process.resourceUsage().maxRSS * 1024,
        ...rssParts(),
        gc: Boolean(gc),
        idleMs,
      });
    } else if (m.type === 'cpu') {
      send({ type: 'cpu', ...process.cpuUsage() });
    } else if (m.type === 'stop') {
      await backend.stop().catch(() => {});
      process.exit(0);
    }
  });
}

/**
 * From /proc: RssAnon / RssFile (heap-like memory vs mapped code), and LazyFree: pages the process
 * has freed with madvise(MADV_FREE) (V8 and the allocator do so) that Linux still counts in RSS
 * until it needs the memory back (bytes).
 */
function rssParts(): {
  rssAnon?: number;
  rssFile?: number;
  lazyFree?: number;
  anonHugePages?: number;
  mallocBrk?: number;
} {
  const kb = (text: string, field: string) => {
    const m = text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const status = read('/proc/self/status');
  // The brk heap is glibc malloc's main arena only (V8 maps its heap pages with mmap).
  const smaps = read('/proc/self/smaps');
  const heapAt = smaps.search(/^\S+ \S+ \S+ \S+ \S+\s+\[heap\]$/m);
  const mallocBrk =
    heapAt >= 0
      ? kb(smaps.slice(heapAt, smaps.indexOf('VmFlags', heapAt)), 'Rss')
      : undefined;
  const rollup = read('/proc/self/smaps_rollup');
  return {
    rssAnon: kb(status, 'RssAnon'),
    rssFile: kb(status, 'RssFile'),
    lazyFree: kb(rollup, 'LazyFree'),
    anonHugePages: kb(rollup, 'AnonHugePages'),
    mallocBrk,
  };
}

main().catch(e => {
  send({ type: 'error', message: String(e?.stack ?? e) });
  process.exit(1);
});
