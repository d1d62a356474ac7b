/*
 * Bulk cleanup: equal, freshly seeded sets of misplaced WorkPlacements; one deleted by
 * `kubectl delete -l`, then rounds of three (cleanupRounds.ts): our cleanup (POST …/cleanup with
 * the items), plain DELETEs (the apiserver's ceiling) and the product's Kubernetes client alone
 * (cleanupBaselines.ts). The apiserver's request counter is sampled during each, and the CPU every
 * process used for it (cpuShare.ts): on this machine that sum is what bounds the items/s.
 */
import { ok } from '../backend/http';
import { measureRequestRate } from '../kube/apiserverMetrics';
import { kubectl } from '../kube/baselines';
import { KubeHttp, paths } from '../kube/kubeHttp';
import { Figure, fmtInt, fmtMs, fmtRatio } from '../results/figure';
import { CLEANUP_SET_LABEL, Layout, planCleanupSets } from '../seed/layout';
import { seedCleanupSet } from '../seed/seed';
import { log } from '../util/log';
import { SeededItem } from './cleanupBaselines';
import {
  RUN_KINDS,
  RunKind,
  bestRun,
  runDeletionRounds,
} from './cleanupRounds';
import { controlPlanePids, fmtCpuPerItem } from './cpuShare';

export interface CleanupSettings {
  size: number;
  concurrency: number;
  /** Rounds of ours / plain / client-alone deletions (cleanupRounds.ts). */
  rounds: number;
  maxRequestsPerSecond: number;
  seedConcurrency: number;
}

/** WorkPlacements at the apiserver (a LIST with limit=1 and its remainingItemCount). */
async function countWorkPlacements(kube: KubeHttp): Promise<number> {
  const page = await kube.json(
    'GET',
    `${paths.kratix('workplacements')}?limit=1`,
  );
  return page.items.length + (page.metadata.remainingItemCount ?? 0);
}

async function waitForCount(
  port: number,
  expected: number,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await ok(port, 'GET', '/api/kratix/platforms');
    const n = json.items.find((p: any) => p.name === 'bench')?.counts
      .workPlacements;
    if (n >= expected) return;
    if (Date.now() > deadline)
      throw new Error(
        `backend cache has ${n} WorkPlacements, expected ${expected}`,
      );
    await new Promise(r => setTimeout(r, 200));
  }
}

export async function measureCleanup(
  kube: KubeHttp,
  port: number,
  pid: number,
  layout: Layout,
  s: CleanupSettings,
  kubectlBin: string,
  kubeconfigPath: string,
): Promise<Figure[]> {
  const planned = planCleanupSets(layout, s.size, 1 + 3 * s.rounds);
  const seed = (i: number, label: string) =>
    seedCleanupSet(kube, s.seedConcurrency, planned[i], {
      [CLEANUP_SET_LABEL]: label,
    });
  const b = await seed(0, 'kubectl');
  const roundSets: Array<Record<RunKind, SeededItem[]>> = [];
  for (let r = 0; r < s.rounds; r++) {
    const set: Partial<Record<RunKind, SeededItem[]>> = {};
    for (const [i, kind] of RUN_KINDS.entries())
      set[kind] = (await seed(1 + 3 * r + i, `${kind}-${r + 1}`)).items;
    roundSets.push(set as Record<RunKind, SeededItem[]>);
  }
  const pids = { ...controlPlanePids(), backend: pid };
  const before = await countWorkPlacements(kube);
  await waitForCount(port, before);

  const runs = await runDeletionRounds(
    kube,
    port,
    pids,
    roundSets,
    { concurrency: s.concurrency, kubeconfigPath },
    run =>
      log(
        `cleanup round ${run.round + 1}, ${run.kind}: ${run.items} in ${fmtMs(
          run.ms,
        )} (${run.itemsPerSecond.toFixed(0)}/s, peak ${run.rate.peak.toFixed(
          0,
        )} requests/s); CPU per item ${fmtCpuPerItem(run.cpu)}`,
      ),
  );
  const ours = bestRun(runs, 'ours');
  const ceiling = bestRun(runs, 'plain');
  const library = bestRun(runs, 'client');
  const perRound = (kind: RunKind) =>
    runs
      .filter(r => r.kind === kind)
      .map(r => fmtInt(r.itemsPerSecond))
      .join(' / ');
  const { ms, summary } = ours;
  const oursCpu = ours.cpu;
  const backendCpuMs = oursCpu.backend * ours.items;
  const oursPerSecond = ours.itemsPerSecond;
  const oursMaxPeak = Math.max(
    ...runs.filter(r => r.kind === 'ours').map(r => r.rate.peak),
  );
  const oursRate = (ours.rate.requests / ms) * 1000;
  const ceilingMs = ceiling.ms;
  const ceilingPerSecond = ceiling.itemsPerSecond;
  const ofCeiling = oursPerSecond / ceilingPerSecond;
  const libraryPerSecond = library.itemsPerSecond;
  log(
    `cleanup, best of ${s.rounds} rounds: ours ${fmtInt(oursPerSecond)}/s = ${(
      ofCeiling * 100
    ).toFixed(0)} % of plain DELETEs ${fmtInt(
      ceilingPerSecond,
    )}/s; client alone ${fmtInt(libraryPerSecond)}/s`,
  );

  const args = [
    'delete',
    'workplacements',
    '-A',
    '-l',
    `${CLEANUP_SET_LABEL}=kubectl`,
    '--wait=false',
  ];
  const theirs = await measureRequestRate(
    kube,
    l => l.resource === 'workplacements' && l.subresource === '',
    () => kubectl(kubectlBin, kubeconfigPath, args, true),
  );
  const deletedByKubectl = theirs.value.stdout
    .split('\n')
    .filter(l => l.includes(' deleted')).length;
  if (deletedByKubectl !== b.items.length)
    throw new Error(`kubectl deleted ${deletedByKubectl} of ${b.items.length}`);
  const theirsPerSecond = (deletedByKubectl / theirs.value.ms) * 1000;
  const ratio = oursPerSecond / theirsPerSecond;
  log(
    `kubectl delete: ${deletedByKubectl} in ${fmtMs(
      theirs.value.ms,
    )} (${theirsPerSecond.toFixed(0)}/s), ${theirs.rate.requests} requests`,
  );

  return [
    {
      id: 'cleanup.vsCeiling',
      name: `Bulk cleanup vs the apiserver's own DELETE ceiling: ${fmtInt(
        s.size,
      )} plain DELETEs (same preconditions and propagation in the body, concurrency ${
        s.concurrency
      }, no checks, no rate bound); ${
        s.rounds
      } rounds, each deleting three equal fresh sets (ours, plain, the client alone, order rotating); best run of each`,
      result: `${fmtInt(oursPerSecond)} items/s = ${(ofCeiling * 100).toFixed(
        0,
      )} % of the ceiling (rounds: ${perRound(
        'ours',
      )} items/s; backend CPU ${fmtMs(backendCpuMs)} for the ${fmtInt(
        ours.items,
      )} items: ${((backendCpuMs / ms) * 100).toFixed(
        0,
      )} % of one core over the cleanup's ${fmtMs(
        ms,
      )}); CPU per item: ${fmtCpuPerItem(oursCpu)}`,
      baseline: `plain DELETEs ${fmtInt(ceilingPerSecond)} items/s (${fmtMs(
        ceilingMs,
      )}, peak ${fmtInt(ceiling.rate.peak)}/s; rounds: ${perRound(
        'plain',
      )}); CPU per item: ${fmtCpuPerItem(ceiling.cpu)}`,
      goal: '≥ 90 % of the ceiling',
      met: ofCeiling >= 0.9,
      data: {
        ceiling: {
          ms: ceilingMs,
          itemsPerSecond: ceilingPerSecond,
          requests: ceiling.rate,
          cpuPerItem: ceiling.cpu,
        },
        ofCeiling,
        backendCpuMs,
        cpuPerItem: oursCpu,
        runs: runs.map(({ rate, summary: _summary, ...run }) => ({
          ...run,
          requests: rate.requests,
          peak: rate.peak,
        })),
      },
    },
    {
      id: 'cleanup.clientAlone',
      name: `The same ${fmtInt(
        s.size,
      )} DELETEs through the product's Kubernetes client alone (KratixClusterClient on @kubernetes/client-node, concurrency ${
        s.concurrency
      }, no checks, no watch of its own), in the same rounds: what the library costs`,
      result: `${fmtInt(libraryPerSecond)} items/s = ${(
        (libraryPerSecond / ceilingPerSecond) *
        100
      ).toFixed(0)} % of the ceiling (rounds: ${perRound(
        'client',
      )} items/s); CPU per item: ${fmtCpuPerItem(library.cpu)}`,
      baseline: `plain DELETEs ${fmtInt(ceilingPerSecond)} items/s`,
      met: null,
      data: {
        ms: library.ms,
        itemsPerSecond: libraryPerSecond,
        cpuPerItem: library.cpu,
      },
    },
    {
      id: 'cleanup.throughput',
      name: `Bulk cleanup of ${fmtInt(
        s.size,
      )} misplaced WorkPlacements: POST …/cleanup (concurrency ${
        s.concurrency
      }, maxRequestsPerSecond ${
        s.maxRequestsPerSecond
      }) vs \`kubectl ${args.join(' ')}\``,
      result: `${fmtInt(oursPerSecond)} items/s (${fmtMs(ms)}) — ${fmtRatio(
        ratio,
      )}`,
      baseline: `kubectl ${fmtInt(theirsPerSecond)} items/s (${fmtMs(
        theirs.value.ms,
      )}, ${fmtInt(theirs.rate.requests)} requests)`,
      goal: '≥ 5× kubectl',
      met: ratio >= 5,
      data: {
        backend: {
          ms,
          itemsPerSecond: oursPerSecond,
          summary,
          requests: ours.rate,
        },
        kubectl: {
          ms: theirs.value.ms,
          itemsPerSecond: theirsPerSecond,
          requests: theirs.rate,
        },
        ratio,
        seedSeconds: { kubectl: b.seconds },
      },
    },
    {
      id: 'cleanup.requestRate',
      name: 'Apiserver requests during our cleanup (WorkPlacement DELETE with preconditions, plus GET + DELETE again where the cache was behind; from apiserver_request_total)',
      result: `${fmtInt(ours.rate.requests)} requests, average ${fmtInt(
        oursRate,
      )}/s (best round), peak ${fmtInt(oursMaxPeak)}/s over 1 s samples (all ${
        s.rounds
      } rounds)`,
      goal: `≤ ${fmtInt(s.maxRequestsPerSecond)}/s (configured bound)`,
      met:
        oursMaxPeak <= s.maxRequestsPerSecond &&
        oursRate <= s.maxRequestsPerSecond,
      data: { ...ours.rate, averageOverCleanup: oursRate, oursMaxPeak },
    },
  ];
}
