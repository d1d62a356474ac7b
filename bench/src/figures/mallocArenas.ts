/*
 * Memory diagnosis: the backend's resident memory outside the V8 heap. At S the settled backend
 * held several hundred MB of anonymous memory beyond V8's committed heap and its ArrayBuffers.
 * This runs the same backend, the same reads and previews again with glibc's malloc limited to 2
 * arenas (MALLOC_ARENA_MAX=2, no code change), next to the same bare backend with that setting: if
 * the increment drops, the memory was glibc arenas kept by V8's helper threads (compilation, GC)
 * rather than our data.
 */
import { startBackendProcess } from '../backend/backendProcess';
import { Figure, fmtMB } from '../results/figure';
import { BIG_PROMISE } from '../seed/layout';
import { log } from '../util/log';
import { bareMemory } from './processFigures';
import { measurePreview } from './preview';
import { API, measureReads } from './reads';

/** BENCH_MALLOC_ENV: the glibc settings tried, as NAME=value,NAME=value (default MALLOC_ARENA_MAX=2). */
export function mallocEnv(): Record<string, string> {
  const raw = process.env.BENCH_MALLOC_ENV || 'MALLOC_ARENA_MAX=2';
  const env: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const m = pair.trim().match(/^(MALLOC_[A-Z_]+)=(\d+)$/);
    if (!m)
      throw new Error(`BENCH_MALLOC_ENV: "${pair}" is not MALLOC_NAME=number`);
    env[m[1]] = m[2];
  }
  return env;
}

export async function measureMallocArenas(
  config: unknown,
  idleMs: number,
  defaults: { rss: number; rssIncrement: number },
  sizes: { destinations: number; works: number },
): Promise<Figure> {
  const env = mallocEnv();
  const settings = Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const bare = await bareMemory(idleMs, env);
  const b = await startBackendProcess({
    config,
    env,
    readyPath: `${API}/promises/${BIG_PROMISE}/misplaced`,
    timeoutMs: 600_000,
  });
  try {
    await measureReads(b, 50, undefined);
    await measurePreview(b, 10, sizes.destinations, sizes.works);
    const settled = await b.memory(idleMs);
    const increment = settled.rss - bare.rss;
    log(
      `${settings}: RSS ${fmtMB(settled.rss)} (bare ${fmtMB(
        bare.rss,
      )}, increment ${fmtMB(increment)}), heap used ${fmtMB(
        settled.heapUsed,
      )}, committed ${fmtMB(settled.heapTotal)}`,
    );
    return {
      id: 'memory.mallocArenas',
      name: `Diagnosis at S: the same backend, reads and previews with glibc malloc settings ${settings}, settled; its increment over the bare backend with the same settings`,
      result: `RSS ${fmtMB(settled.rss)}, increment ${fmtMB(
        increment,
      )} (default malloc: RSS ${fmtMB(defaults.rss)}, increment ${fmtMB(
        defaults.rssIncrement,
      )}); V8 heap used ${fmtMB(settled.heapUsed)}, committed ${fmtMB(
        settled.heapTotal,
      )}, anonymous RSS ${fmtMB(settled.rssAnon ?? NaN)}`,
      met: null,
      data: { settled, bare, defaults },
    };
  } finally {
    await b.stop();
  }
}
