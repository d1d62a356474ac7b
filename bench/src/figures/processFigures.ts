/** Cold start and memory of the backend process. */
import { BackendProcess, startBackendProcess } from '../backend/backendProcess';
import { Figure, fmtMB } from '../results/figure';

export type Memory = Awaited<ReturnType<BackendProcess['memory']>>;
const LIMIT = 300 * 1024 * 1024;

export function coldStartFigure(b: BackendProcess, counts: string): Figure {
  return {
    id: 'coldStart',
    name: `Cold start to first answer: process spawn → first 200 from GET …/misplaced (${counts})`,
    result: `${(b.coldStartMs / 1000).toFixed(1)} s (listening after ${(
      b.bootMs / 1000
    ).toFixed(1)} s, then cache sync ${(
      (b.coldStartMs - b.bootMs) /
      1000
    ).toFixed(1)} s)`,
    goal: '≤ 10 s',
    met: b.coldStartMs <= 10_000,
    data: {
      coldStartMs: b.coldStartMs,
      bootMs: b.bootMs,
      syncMs: b.coldStartMs - b.bootMs,
    },
  };
}

/** The same harness (startTestBackend + the plugin) with no reachable platform: what is not the cache. */
export async function harnessMemory(): Promise<Memory> {
  const b = await startBackendProcess({
    config: {
      kratix: {
        platforms: [
          {
            name: 'none',
            url: 'https://127.0.0.1:1',
            serviceAccountToken: 'unused',
          },
        ],
      },
    },
    readyPath: '/api/kratix/health',
  });
  try {
    await new Promise(r => setTimeout(r, 2000));
    return await b.memory();
  } finally {
    await b.stop();
  }
}

export function memoryFigures(
  afterSync: Memory,
  afterReads: Memory,
  harness: Memory | undefined,
): Figure[] {
  const base = harness
    ? `; the same harness without a platform: ${fmtMB(
        harness.rss,
      )} RSS / ${fmtMB(harness.heapUsed)} heap`
    : '';
  const cacheHeap = harness
    ? `, of which the cache ≈ ${fmtMB(afterSync.heapUsed - harness.heapUsed)}`
    : '';
  return [
    {
      id: 'memory.rss',
      name: 'Backend process RSS with the full cache loaded, after the read and preview figures (forced GC first)',
      result: `${fmtMB(afterReads.rss)} (right after the sync: ${fmtMB(
        afterSync.rss,
      )}; peak ${fmtMB(afterReads.maxRss)}${base})`,
      goal: '≤ 300 MB',
      met: afterReads.rss <= LIMIT,
      data: { afterSync, afterReads, harness },
    },
    {
      id: 'memory.heap',
      name: 'Backend process V8 heap used with the full cache loaded, after the read and preview figures (forced GC first)',
      result: `${fmtMB(afterReads.heapUsed)} (right after the sync: ${fmtMB(
        afterSync.heapUsed,
      )}${cacheHeap})`,
      goal: '≤ 300 MB',
      met: afterReads.heapUsed <= LIMIT,
      data: {
        afterSync: afterSync.heapUsed,
        afterReads: afterReads.heapUsed,
        harness: harness?.heapUsed,
      },
    },
  ];
}
