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
import { measureChurn } from './figures/churn';
import { measureMallocArenas } from './figures/mallocArenas';
import {
  bareMemory,
  coldStartFigure,
  harnessMemory,
  memoryFigures,
} from './figures/processFigures';
import { SizeRow, renderSweep, sweepGoals } from './figures/sweep';
import { API, measureReads } from './figures/reads';
import { kubectl } from './kube/baselines';
import { KubeHttp } from './kube/kubeHttp';
import { apiserverListAlone } from './kube/listBaseline';
import { readOptions } from './options';
import { Figure, fmtInt, fmtMB, notMeasured } from './results/figure';
import { writeResults } from './results/write';
import { env, resetControlPlane, seedOrReuse } from './seed/controlPlane';
import { awaitQuietControlPlane } from './kube/quietControlPlane';
import { stopTimingChild } from './backend/timingClient';
import { BIG_PROMISE, planLayout } from './seed/layout';
import { SeedReport } from './seed/seed';
import { log } from './util/log';

/** How long the backend idles before the settled memory sample (V8's memory reducer waits 8 s). */
const IDLE_MS = 10_000;

/** The backend's configuration: the bench platform and the cleanup bounds. */
const backendConfig = (
  kubeconfig: string,
  o: ReturnType<typeof readOptions>,
) => ({
  kratix: {
    platforms: [{ name: 'bench', kubeconfig: { path: kubeconfig } }],
    cleanup: {
      concurrency: o.cleanupConcurrency,
      maxRequestsPerSecond: o.cleanupMaxRequestsPerSecond,
    },
  },
});

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

  const rows: SizeRow[] = [];
  let seededS: SeedReport | undefined;
  let countsS: Record<string, number> = {};
  let kube: KubeHttp | undefined;

  log(
    `the same backend without the Kratix plugins (memory base, ${
      IDLE_MS / 1000
    } s idle)`,
  );
  const bare = await bareMemory(IDLE_MS);
  log(
    `bare backend: RSS ${fmtMB(bare.rss)}, heap used ${fmtMB(bare.heapUsed)}`,
  );

  for (const [step, factor] of o.sweep.entries()) {
    const isS = factor === 1;
    const sizes = {
      destinations: Math.round(o.destinations * factor),
      promises: o.promises,
      workPlacements: Math.round(o.workPlacements * factor),
      misplaced: Math.round(o.misplaced * factor),
    };
    log(`=== size ${factor} × S: ${JSON.stringify(sizes)}`);
    if (step > 0) {
      // A fresh control plane for every size: nothing of the previous size stays in etcd.
      kube?.close();
      const t = performance.now();
      resetControlPlane();
      log(
        `bench control plane restarted in ${(
          (performance.now() - t) /
          1000
        ).toFixed(1)} s`,
      );
    }
    kube = await KubeHttp.fromKubeconfig(kubeconfig, o.seedConcurrency + 8);
    const layout = planLayout(sizes);
    const { seeded, counts } = await seedOrReuse(kube, layout, o, sizes);
    if (isS) {
      seededS = seeded;
      countsS = counts;
    }
    const baselines = isS
      ? await measureMisplacedBaselines(kubectlBin, kubeconfig, o.baselineRuns)
      : undefined;

    let backend: BackendProcess | undefined;
    const sizeFigures: Figure[] = [];
    try {
      await awaitQuietControlPlane();
      log('starting the backend process (cold start)');
      backend = await startBackendProcess({
        config: backendConfig(kubeconfig, o),
        readyPath: `${API}/promises/${BIG_PROMISE}/misplaced`,
        timeoutMs: 600_000,
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
      // After the cold start, so that the backend met the colder apiserver and etcd.
      const listAlone = await apiserverListAlone(kube);
      log(
        `the apiserver alone pages through the cached kinds in ${(
          listAlone.ms / 1000
        ).toFixed(1)} s (${listAlone.pages} pages, ${fmtMB(listAlone.bytes)})`,
      );
      sizeFigures.push(
        coldStartFigure(
          b,
          `${fmtInt(counts.WorkPlacements)} WorkPlacements, ${fmtInt(
            counts.Works,
          )} Works`,
          listAlone,
        ),
      );
      const afterSync = await b.memory();
      const runs = isS ? o.httpRuns : Math.min(o.httpRuns, 100);
      const loadAtReads = os.loadavg()[0];
      await phase(
        'read figures',
        async () => {
          const f = await measureReads(b, runs, baselines);
          sizeFigures.push(...f);
          return [];
        },
        [
          [
            'reads',
            'Misplaced lists, targeting, matrix',
            'p95 ≤ 20 ms / ≥ 20× / p95 ≤ 10 ms',
          ],
        ],
      );
      const afterReadFigures = await b.memory();
      log(
        `backend memory after the read figures: RSS ${fmtMB(
          afterReadFigures.rss,
        )}, heap used ${fmtMB(afterReadFigures.heapUsed)}`,
      );
      await phase(
        'preview',
        async () => {
          sizeFigures.push(
            await measurePreview(
              b,
              isS ? o.previewRuns : Math.min(o.previewRuns, 20),
              sizes.destinations,
              layout.counts.works,
            ),
          );
          return [];
        },
        [['preview', 'What-if preview', 'p95 ≤ 200 ms']],
      );
      const settled = await b.memory(IDLE_MS);
      log(
        `backend memory settled: RSS ${fmtMB(settled.rss)} (increment ${fmtMB(
          settled.rss - bare.rss,
        )}), heap used ${fmtMB(settled.heapUsed)}`,
      );
      const p95 = (id: string) =>
        (sizeFigures.find(f => f.id === id)?.data as any)?.p95 ?? NaN;
      const cpu = (id: string) =>
        (sizeFigures.find(f => f.id === id)?.data as any)?.cpuMsPerRequest ??
        NaN;
      rows.push({
        factor,
        destinations: sizes.destinations,
        promises: sizes.promises,
        works: counts.Works,
        workPlacements: counts.WorkPlacements,
        misplaced: counts['misplaced WorkPlacements'],
        seedSeconds: seeded.seconds,
        coldStartMs: b.coldStartMs,
        syncMs: b.coldStartMs - b.bootMs,
        apiserverListMs: listAlone.ms,
        misplacedP95: p95('misplaced.onePromise.latency'),
        targetingTypicalP95: p95('targeting.typical'),
        targetingBigP95: p95('targeting.big'),
        matrixP95: p95('matrix'),
        matrixBytes:
          (sizeFigures.find(f => f.id === 'matrix')?.data as any)?.bytes ?? NaN,
        previewP95: p95('preview'),
        misplacedCpuMs: cpu('misplaced.onePromise.latency'),
        targetingBigCpuMs: cpu('targeting.big'),
        previewCpuMs: cpu('preview'),
        loadAverage: loadAtReads,
        rss: settled.rss,
        heapUsed: settled.heapUsed,
        rssIncrement: settled.rss - bare.rss,
      });
      if (isS) {
        figures.push(...sizeFigures);
        await phase(
          'memory',
          async () =>
            memoryFigures(
              afterSync,
              afterReadFigures,
              await harnessMemory(),
              settled,
            ),
          [['memory.rss', 'Backend memory (RSS / heap used)', '≤ 300 MB']],
        );
        await phase(
          'churn',
          () => measureChurn(kube!, b, o.churnPerSecond, o.churnSeconds),
          [
            ['churn.cpu', 'Backend CPU under churn', '≤ 10 % of one core'],
            ['churn.reads', 'Read p95 during churn', 'within 2× of idle'],
          ],
        );
        const cleanup = {
          size: o.cleanupSet,
          concurrency: o.cleanupConcurrency,
          rounds: o.cleanupRounds,
          maxRequestsPerSecond: o.cleanupMaxRequestsPerSecond,
          seedConcurrency: o.seedConcurrency,
        };
        await phase(
          'cleanup',
          () =>
            measureCleanup(
              kube!,
              b.port,
              b.pid,
              layout,
              cleanup,
              kubectlBin,
              kubeconfig,
            ),
          [
            [
              'cleanup',
              'Bulk cleanup',
              '≥ 90 % of the DELETE ceiling; requests ≤ bound',
            ],
          ],
        );
      }
    } catch (e) {
      failed = true;
      log(`ERROR at size ${factor} × S: ${(e as Error).stack ?? e}`);
      notes.push(
        `Size ${factor} × S not (fully) measured: ${(e as Error).message}`,
      );
    } finally {
      await backend?.stop();
    }
    const rowS = rows.find(r => r.factor === factor);
    if (isS && rowS && process.env.BENCH_ARENA_DIAGNOSIS !== '0') {
      await phase(
        'malloc arenas',
        async () => [
          await measureMallocArenas(
            backendConfig(kubeconfig, o),
            IDLE_MS,
            rowS,
            { destinations: sizes.destinations, works: counts.Works },
          ),
        ],
        [['memory.mallocArenas', 'Diagnosis: glibc malloc settings', '']],
      );
    }
    if (isS && o.browser) {
      await phase('browser', () => measureBrowser(o, kubeconfig), [
        [
          'browser.tti',
          'Misplaced tab: time to interactive in Chromium',
          'p50 ≤ 1.5 s',
        ],
      ]);
    }
  }
  figures.push(...sweepGoals(rows));
  const seeded = seededS ?? {
    seconds: NaN,
    objects: 0,
    requests: 0,
    method: 'S not in the sweep',
    phases: [],
  };
  const counts = countsS;
  kube = kube!;
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
    [
      ...notes,
      `RSS increment = settled RSS of the backend minus the settled RSS of the same backend (same bundle, startTestBackend, ${
        IDLE_MS / 1000
      } s idle) without the Kratix plugins, measured in this run: ${fmtMB(
        bare.rss,
      )}.`,
    ],
    renderSweep(rows),
    { sweep: rows, bare },
  );
  log(`results: ${file}`);
  stopTimingChild();
  process.exitCode = failed ? 1 : 0;
}

main().catch(e => {
  log(`FAILED: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
