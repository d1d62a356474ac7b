/*
 * `npm run bench` (via bench/run.sh, which starts the bench control plane and passes
 * BENCH_KUBECONFIG, BENCH_KUBECTL, BENCH_KRATIX_VERSION): seed, measure every figure against its
 * baseline in one run, write bench/results/latest.{md,json}.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import { BackendProcess, startBackendProcess } from './backend/backendProcess';
import { measureMisplacedBaselines } from './figures/baselineRuns';
import { measureBrowser } from './figures/browser';
import { measureCleanup } from './figures/cleanup';
import { measurePreview } from './figures/preview';
import {
  coldStartFigure,
  harnessMemory,
  memoryFigures,
} from './figures/processFigures';
import { API, measureReads } from './figures/reads';
import { kubectl } from './kube/baselines';
import { EtcdHttp } from './kube/etcdHttp';
import { KubeHttp, paths } from './kube/kubeHttp';
import { readOptions } from './options';
import { Figure, fmtInt, fmtMB, notMeasured } from './results/figure';
import { writeResults } from './results/write';
import { BIG_PROMISE, CLEANUP_SET_LABEL, planLayout } from './seed/layout';
import { SeedReport, removeLeftoverCleanupSets, seed } from './seed/seed';
import { log } from './util/log';

/** How long the backend idles before the settled memory sample (V8's memory reducer waits 8 s). */
const IDLE_MS = 10_000;

const env = (name: string) => {
  const v = process.env[name];
  if (!v)
    throw new Error(`${name} is not set (run the bench with: npm run bench)`);
  return v;
};

async function main() {
  const t0 = performance.now();
  const loadAtStart = os.loadavg();
  const o = readOptions();
  const kubeconfig = env('BENCH_KUBECONFIG');
  const kubectlBin = env('BENCH_KUBECTL');
  const resultsDir = resolve(__dirname, '../results');
  const figures: Figure[] = [];
  const notes: string[] = [];
  let failed = false;
  /** Runs one group of figures; a failure becomes "not measured" rows with the error, and the run goes on. */
  const phase = async (
    what: string,
    fn: () => Promise<Figure[]>,
    ifFailed: Array<[string, string, string]>,
  ) => {
    try {
      figures.push(...(await fn()));
    } catch (e) {
      failed = true;
      log(`ERROR in ${what}: ${(e as Error).stack ?? e}`);
      figures.push(
        ...ifFailed.map(([id, name, goal]) =>
          notMeasured(
            id,
            name,
            goal,
            `${what} failed: ${(e as Error).message}`,
          ),
        ),
      );
    }
  };

  const layout = planLayout({
    destinations: o.destinations,
    promises: o.promises,
    workPlacements: o.workPlacements,
    misplaced: o.misplaced,
  });
  const kube = await KubeHttp.fromKubeconfig(kubeconfig, o.seedConcurrency + 8);
  let seeded: SeedReport;
  if (
    process.env.BENCH_REUSE === '1' &&
    (await kube.request('GET', `${paths.kratix('promises')}/${BIG_PROMISE}`))
      .status === 200
  ) {
    log(
      'BENCH_REUSE=1: the control plane is already seeded; not seeding again (seed time not measured)',
    );
    const leftovers = await removeLeftoverCleanupSets(kube, CLEANUP_SET_LABEL);
    if (leftovers)
      log(
        `removed ${leftovers} cleanup-set WorkPlacements left by an earlier run`,
      );
    seeded = {
      seconds: NaN,
      objects: 0,
      requests: 0,
      method: 'reused (BENCH_REUSE=1)',
      phases: [],
    };
  } else {
    log(`seeding: ${JSON.stringify(layout.counts)}`);
    const etcd = o.seedViaApiserverOnly
      ? undefined
      : new EtcdHttp(new URL(env('BENCH_ETCD_URL')));
    seeded = await seed(kube, layout, o.seedConcurrency, etcd);
    etcd?.close();
    log(
      `seeded ${fmtInt(seeded.objects)} objects in ${seeded.seconds.toFixed(
        1,
      )} s`,
    );
  }
  const counts = {
    Destinations: o.destinations,
    Promises: o.promises,
    Works: layout.counts.works,
    WorkPlacements:
      layout.counts.dependencyWorkPlacements +
      layout.counts.resourceWorkPlacements,
    'misplaced WorkPlacements':
      layout.counts.misplacedDependency + layout.counts.misplacedResource,
    'resource requests': layout.resources.length,
  };

  const baselines = await measureMisplacedBaselines(
    kubectlBin,
    kubeconfig,
    o.baselineRuns,
  );

  let backend: BackendProcess | undefined;
  try {
    log('starting the backend process (cold start)');
    backend = await startBackendProcess({
      config: {
        kratix: {
          platforms: [{ name: 'bench', kubeconfig: { path: kubeconfig } }],
          cleanup: {
            concurrency: o.cleanupConcurrency,
            maxRequestsPerSecond: o.cleanupMaxRequestsPerSecond,
          },
        },
      },
      readyPath: `${API}/promises/${BIG_PROMISE}/misplaced`,
      cpuProfileDir:
        process.env.BENCH_CPU_PROFILE === '1'
          ? resolve(resultsDir, 'profiles')
          : undefined,
    });
    const b = backend;
    log(
      `backend answered after ${(b.coldStartMs / 1000).toFixed(
        1,
      )} s (listening after ${(b.bootMs / 1000).toFixed(1)} s)`,
    );
    figures.push(
      coldStartFigure(
        b,
        `${fmtInt(counts.WorkPlacements)} WorkPlacements, ${fmtInt(
          counts.Works,
        )} Works`,
      ),
    );
    const afterSync = await b.memory();

    await phase('read figures', () => measureReads(b, o.httpRuns, baselines), [
      [
        'reads',
        'Misplaced lists, targeting, matrix',
        'p95 ≤ 20 ms / ≥ 20× / p95 ≤ 10 ms',
      ],
    ]);
    const afterReadFigures = await b.memory();
    log(`backend memory after the read figures: RSS ${fmtMB(afterReadFigures.rss)}, heap used ${fmtMB(afterReadFigures.heapUsed)}`);
    await phase(
      'preview',
      async () => [
        await measurePreview(
          b,
          o.previewRuns,
          o.destinations,
          layout.counts.works,
        ),
      ],
      [['preview', 'What-if preview', 'p95 ≤ 200 ms']],
    );
    await phase(
      'memory',
      async () =>
        memoryFigures(
          afterSync,
          await b.memory(),
          await harnessMemory(),
          await b.memory(IDLE_MS),
        ),
      [['memory.rss', 'Backend memory (RSS / heap used)', '≤ 300 MB']],
    );
    const cleanup = {
      size: o.cleanupSet,
      concurrency: o.cleanupConcurrency,
      maxRequestsPerSecond: o.cleanupMaxRequestsPerSecond,
      seedConcurrency: o.seedConcurrency,
    };
    await phase(
      'cleanup',
      () =>
        measureCleanup(kube, b.port, layout, cleanup, kubectlBin, kubeconfig),
      [['cleanup', 'Bulk cleanup', '≥ 5× kubectl; requests ≤ bound']],
    );
  } finally {
    await backend?.stop();
  }

  await phase('browser', () => measureBrowser(o, kubeconfig), [
    [
      'browser.tti',
      'Misplaced tab: time to interactive in Chromium',
      'p50 ≤ 1.5 s',
    ],
  ]);

  const kubeVersion = (await kube.json('GET', '/version')).gitVersion;
  const kubectlVersion = JSON.parse(
    (
      await kubectl(
        kubectlBin,
        kubeconfig,
        ['version', '--client', '-o', 'json'],
        true,
      )
    ).stdout,
  ).clientVersion.gitVersion;
  kube.close();
  notes.push(
    `Ratios are baseline p50 / backend p50. Backend figures are HTTP requests to a separate backend process (the real plugin, startTestBackend, mock auth), timed to the last byte over one keep-alive connection; ${o.httpRuns} sequential runs after 10 warm-up requests unless stated.`,
    `The bench control plane runs no Kratix manager: nothing reconciles the seeded objects, so every figure measures our code and the apiserver only. kubectl delete uses --wait=false because the WorkPlacement finalizer (finalizers.workplacement.kratix.io/repo-cleanup) is only removed by the Kratix manager; both sides issue the same DELETE calls.`,
  );
  const file = writeResults(
    resultsDir,
    {
      date: new Date().toISOString(),
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg(),
      node: process.version,
      kubernetes: kubeVersion,
      kubectl: kubectlVersion,
      kratix: env('BENCH_KRATIX_VERSION'),
      totalSeconds:
        (performance.now() - t0) / 1000 +
        Number(process.env.BENCH_PLATFORM_SECONDS ?? 0),
    },
    { ...seeded, counts },
    figures,
    notes,
  );
  log(`results: ${file}`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(e => {
  log(`FAILED: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
