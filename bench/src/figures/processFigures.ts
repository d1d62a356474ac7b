/** Cold start and memory of the backend process. */
import { BackendProcess, startBackendProcess } from '../backend/backendProcess';
import { ListBaseline } from '../kube/listBaseline';
import { Figure, fmtMB } from '../results/figure';

export type Memory = Awaited<ReturnType<BackendProcess['memory']>>;
const LIMIT = 300 * 1024 * 1024;

export function coldStartFigure(
  b: BackendProcess,
  counts: string,
  listAlone: ListBaseline,
): Figure {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    id: 'coldStart',
    name: `Cold start to first answer: process spawn → first 200 from GET …/misplaced (${counts})`,
    result: `${s(b.coldStartMs)} (listening after ${s(
      b.bootMs,
    )}, then cache sync ${s(b.coldStartMs - b.bootMs)})`,
    baseline: `the apiserver alone serves the same LIST pages (every cached kind, kinds in parallel, ${
      listAlone.pages
    } pages, ${fmtMB(listAlone.bytes)}, not parsed) in ${s(listAlone.ms)}`,
    goal: '≤ 10 s',
    met: b.coldStartMs <= 10_000,
    data: {
      coldStartMs: b.coldStartMs,
      bootMs: b.bootMs,
      syncMs: b.coldStartMs - b.bootMs,
      apiserverListAlone: listAlone,
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

/**
 * The same backend (startTestBackend, same bundle and config) without the Kratix plugins, settled
 * like the measured one (full GC, 1 s, full GC, `idleMs` idle): the base of the RSS increment.
 */
export async function bareMemory(
  idleMs: number,
  env?: Record<string, string>,
): Promise<Memory> {
  const b = await startBackendProcess({ config: {}, bare: true, env });
  try {
    await new Promise(r => setTimeout(r, 2000));
    return await b.memory(idleMs);
  } finally {
    await b.stop();
  }
}

/** "X MB = anonymous + file-backed (lazily freed, huge pages); V8 heap committed" from /proc. */
function rssBreakdown(m: Memory): string {
  if (m.rssAnon === undefined || m.rssFile === undefined) return fmtMB(m.rss);
  const lazy = m.lazyFree
    ? `, ${fmtMB(m.lazyFree)} of it freed lazily (MADV_FREE)`
    : '';
  return `${fmtMB(m.rss)} = ${fmtMB(m.rssAnon)} anonymous + ${fmtMB(
    m.rssFile,
  )} file-backed${lazy}; V8 heap committed ${fmtMB(m.heapTotal)}`;
}

export function memoryFigures(
  afterSync: Memory,
  afterReads: Memory,
  harness: Memory | undefined,
  afterIdle?: Memory,
): Figure[] {
  const base = harness
    ? `; the same harness without a platform: ${fmtMB(
        harness.rss,
      )} RSS / ${fmtMB(harness.heapUsed)} heap`
    : '';
  const cacheHeap = harness
    ? `, of which the cache ≈ ${fmtMB(afterSync.heapUsed - harness.heapUsed)}`
    : '';
  // The goal is judged on the settled process (after idling, as a backend between bursts does);
  // the sample right after the load is shown next to it.
  const settled = afterIdle ?? afterReads;
  return [
    {
      id: 'memory.rss',
      name: `Backend process RSS with the full cache loaded, after the read and preview figures (full GC, 1 s, full GC${
        afterIdle ? `, then ${(afterIdle.idleMs / 1000).toFixed(0)} s idle` : ''
      })`,
      result: `${rssBreakdown(settled)} (${
        afterIdle ? `1 s after the load: ${rssBreakdown(afterReads)}; ` : ''
      }right after the sync: ${fmtMB(afterSync.rss)}; peak ${fmtMB(
        afterReads.maxRss,
      )}${base})`,
      goal: '≤ 300 MB',
      met: settled.rss <= LIMIT,
      data: { afterSync, afterReads, afterIdle, harness },
    },
    {
      id: 'memory.heap',
      name: 'Backend process V8 heap used with the full cache loaded, after the read and preview figures (full GC, 1 s, full GC)',
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
