/*
 * Bulk cleanup: four equal, freshly seeded sets of misplaced WorkPlacements; set a deleted by the
 * backend (POST …/cleanup with the items), set b by `kubectl delete -l`, set c by plain DELETEs
 * (the apiserver's ceiling), set d by the product's Kubernetes client alone (cleanupBaselines.ts).
 * The apiserver's request counter is sampled during each, and the CPU every process used for it
 * (cpuShare.ts): on this machine that sum is what bounds the items/s.
 */
import { ok } from '../backend/http';
import {
  measureRequestRate,
  workPlacementGetsAndDeletes,
} from '../kube/apiserverMetrics';
import { kubectl } from '../kube/baselines';
import { KubeHttp, paths } from '../kube/kubeHttp';
import { Figure, fmtInt, fmtMs, fmtRatio } from '../results/figure';
import { CLEANUP_SET_LABEL, Layout, planCleanupSets } from '../seed/layout';
import { seedCleanupSet } from '../seed/seed';
import { log } from '../util/log';
import { API } from './reads';
import { clientNodeDeletes, plainDeletes } from './cleanupBaselines';
import { controlPlanePids, fmtCpuPerItem, measureCpuPerItem } from './cpuShare';

export interface CleanupSettings {
  size: number;
  concurrency: number;
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
  const sets = planCleanupSets(layout, s.size);
  const a = await seedCleanupSet(kube, s.seedConcurrency, sets.a, {
    [CLEANUP_SET_LABEL]: 'a',
  });
  const b = await seedCleanupSet(kube, s.seedConcurrency, sets.b, {
    [CLEANUP_SET_LABEL]: 'b',
  });
  const c = await seedCleanupSet(kube, s.seedConcurrency, sets.c, {
    [CLEANUP_SET_LABEL]: 'c',
  });
  const d = await seedCleanupSet(kube, s.seedConcurrency, sets.d, {
    [CLEANUP_SET_LABEL]: 'd',
  });
  const pids = { ...controlPlanePids(), backend: pid };
  const before = await countWorkPlacements(kube);
  await waitForCount(port, before);

  const ours = await measureRequestRate(kube, workPlacementGetsAndDeletes, () =>
    measureCpuPerItem(pids, a.items.length, async () => {
      const t0 = performance.now();
      const r = await ok(port, 'POST', `${API}/cleanup`, { items: a.items });
      return {
        ms: performance.now() - t0,
        summary: r.json.summary,
        results: r.json.results as any[],
      };
    }),
  );
  const oursCpu = ours.value.cpu;
  const { ms, summary } = ours.value.value;
  const backendCpuMs = oursCpu.backend * a.items.length;
  if (summary.deleted !== a.items.length) {
    const reasons = [
      ...new Set(
        ours.value.value.results
          .filter(x => x.outcome !== 'deleted')
          .map(x => x.reason),
      ),
    ].slice(0, 5);
    throw new Error(
      `backend cleanup deleted ${summary.deleted} of ${
        a.items.length
      }: ${reasons.join('; ')}`,
    );
  }
  const oursPerSecond = (summary.deleted / ms) * 1000;
  const oursRate = (ours.rate.requests / ms) * 1000;
  log(
    `backend cleanup: ${summary.deleted} in ${fmtMs(
      ms,
    )} (${oursPerSecond.toFixed(0)}/s), ${
      ours.rate.requests
    } apiserver requests, peak ${ours.rate.peak.toFixed(0)}/s`,
  );

  const args = [
    'delete',
    'workplacements',
    '-A',
    '-l',
    `${CLEANUP_SET_LABEL}=b`,
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

  // The apiserver's own DELETE ceiling: the same DELETE (uid + resourceVersion preconditions,
  // background propagation, in the body) for set c, with the same concurrency, no checks and no
  // rate bound; then set d the same way through the product's Kubernetes client.
  const ceiling = await measureRequestRate(
    kube,
    workPlacementGetsAndDeletes,
    () =>
      measureCpuPerItem(pids, c.items.length, async () => {
        const t0 = performance.now();
        const failed = await plainDeletes(kube, c.items, s.concurrency);
        return { ms: performance.now() - t0, failed };
      }),
  );
  const ceilingFailed = ceiling.value.value.failed;
  if (ceilingFailed.length)
    throw new Error(
      `plain DELETEs: ${ceilingFailed.length} of ${c.items.length} refused (${[
        ...new Set(ceilingFailed),
      ].join(', ')})`,
    );
  const ceilingMs = ceiling.value.value.ms;
  const ceilingPerSecond = (c.items.length / ceilingMs) * 1000;
  const ofCeiling = oursPerSecond / ceilingPerSecond;
  log(
    `plain DELETEs (concurrency ${s.concurrency}): ${c.items.length} in ${fmtMs(
      ceilingMs,
    )} (${ceilingPerSecond.toFixed(0)}/s, peak ${ceiling.rate.peak.toFixed(
      0,
    )}/s); ours ${(ofCeiling * 100).toFixed(0)} % of it`,
  );
  log(`CPU per item: ours ${fmtCpuPerItem(oursCpu)}`);
  log(`CPU per item: plain DELETEs ${fmtCpuPerItem(ceiling.value.cpu)}`);

  const library = await measureCpuPerItem(pids, d.items.length, async () => {
    const t0 = performance.now();
    const failed = await clientNodeDeletes(
      kubeconfigPath,
      d.items,
      s.concurrency,
    );
    return { ms: performance.now() - t0, failed };
  });
  if (library.value.failed.length)
    throw new Error(
      `DELETEs through the client: ${library.value.failed.length} of ${
        d.items.length
      } failed (${[...new Set(library.value.failed)].join(', ')})`,
    );
  const libraryPerSecond = (d.items.length / library.value.ms) * 1000;
  log(
    `DELETEs through KratixClusterClient: ${d.items.length} in ${fmtMs(
      library.value.ms,
    )} (${libraryPerSecond.toFixed(0)}/s); CPU per item ${fmtCpuPerItem(
      library.cpu,
    )}`,
  );

  return [
    {
      id: 'cleanup.vsCeiling',
      name: `Bulk cleanup vs the apiserver's own DELETE ceiling: ${fmtInt(
        s.size,
      )} plain DELETEs (same preconditions and propagation in the body, concurrency ${
        s.concurrency
      }, no checks, no rate bound) on an equal third set`,
      result: `${fmtInt(oursPerSecond)} items/s = ${(ofCeiling * 100).toFixed(
        0,
      )} % of the ceiling (backend CPU ${fmtMs(backendCpuMs)} for the ${fmtInt(
        a.items.length,
      )} items: ${((backendCpuMs / ms) * 100).toFixed(
        0,
      )} % of one core over the cleanup's ${fmtMs(
        ms,
      )}); CPU per item: ${fmtCpuPerItem(oursCpu)}`,
      baseline: `plain DELETEs ${fmtInt(ceilingPerSecond)} items/s (${fmtMs(
        ceilingMs,
      )}, peak ${fmtInt(ceiling.rate.peak)}/s); CPU per item: ${fmtCpuPerItem(
        ceiling.value.cpu,
      )}`,
      goal: '≥ 90 % of the ceiling',
      met: ofCeiling >= 0.9,
      data: {
        ceiling: {
          ms: ceilingMs,
          itemsPerSecond: ceilingPerSecond,
          requests: ceiling.rate,
          cpuPerItem: ceiling.value.cpu,
        },
        ofCeiling,
        backendCpuMs,
        cpuPerItem: oursCpu,
        seedSeconds: c.seconds,
      },
    },
    {
      id: 'cleanup.clientAlone',
      name: `The same ${fmtInt(
        s.size,
      )} DELETEs through the product's Kubernetes client alone (KratixClusterClient on @kubernetes/client-node, concurrency ${
        s.concurrency
      }, no checks, no watch of its own) on a fourth equal set: what the library costs`,
      result: `${fmtInt(libraryPerSecond)} items/s = ${(
        (libraryPerSecond / ceilingPerSecond) *
        100
      ).toFixed(0)} % of the ceiling; CPU per item: ${fmtCpuPerItem(
        library.cpu,
      )}`,
      baseline: `plain DELETEs ${fmtInt(ceilingPerSecond)} items/s`,
      met: null,
      data: {
        ms: library.value.ms,
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
        seedSeconds: { a: a.seconds, b: b.seconds },
      },
    },
    {
      id: 'cleanup.requestRate',
      name: 'Apiserver requests during our cleanup (WorkPlacement DELETE with preconditions, plus GET + DELETE again where the cache was behind; from apiserver_request_total)',
      result: `${fmtInt(ours.rate.requests)} requests, average ${fmtInt(
        oursRate,
      )}/s, peak ${fmtInt(ours.rate.peak)}/s over 1 s samples`,
      goal: `≤ ${fmtInt(s.maxRequestsPerSecond)}/s (configured bound)`,
      met:
        ours.rate.peak <= s.maxRequestsPerSecond &&
        oursRate <= s.maxRequestsPerSecond,
      data: { ...ours.rate, averageOverCleanup: oursRate },
    },
  ];
}
