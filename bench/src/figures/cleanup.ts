/*
 * Bulk cleanup: two equal, freshly seeded sets of misplaced WorkPlacements; set a deleted by the
 * backend (POST …/cleanup with the items), set b by `kubectl delete -l`. The apiserver's request
 * counter is sampled during both.
 */
import { procCpuMs } from '../backend/backendProcess';
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
import { mapPool } from '../util/pool';
import { API } from './reads';

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
  const before = await countWorkPlacements(kube);
  await waitForCount(port, before);

  const ours = await measureRequestRate(
    kube,
    workPlacementGetsAndDeletes,
    async () => {
      const cpu0 = procCpuMs(pid);
      const t0 = performance.now();
      const r = await ok(port, 'POST', `${API}/cleanup`, { items: a.items });
      return {
        ms: performance.now() - t0,
        backendCpuMs: procCpuMs(pid) - cpu0,
        summary: r.json.summary,
        results: r.json.results as any[],
      };
    },
  );
  const { ms, summary } = ours.value;
  if (summary.deleted !== a.items.length) {
    const reasons = [
      ...new Set(
        ours.value.results
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
  // rate bound.
  const ceiling = await measureRequestRate(
    kube,
    workPlacementGetsAndDeletes,
    async () => {
      const t0 = performance.now();
      const statuses = await mapPool(c.items, s.concurrency, async it => {
        const r = await kube.request(
          'DELETE',
          `${paths.kratix('workplacements', it.namespace)}/${it.name}`,
          {
            apiVersion: 'v1',
            kind: 'DeleteOptions',
            preconditions: { uid: it.uid, resourceVersion: it.resourceVersion },
            propagationPolicy: 'Background',
          },
        );
        return r.status;
      });
      return { ms: performance.now() - t0, statuses };
    },
  );
  const ceilingFailed = ceiling.value.statuses.filter(x => x >= 300).length;
  if (ceilingFailed)
    throw new Error(
      `plain DELETEs: ${ceilingFailed} of ${c.items.length} refused (${[
        ...new Set(ceiling.value.statuses.filter(x => x >= 300)),
      ].join(', ')})`,
    );
  const ceilingPerSecond = (c.items.length / ceiling.value.ms) * 1000;
  const ofCeiling = oursPerSecond / ceilingPerSecond;
  log(
    `plain DELETEs (concurrency ${s.concurrency}): ${c.items.length} in ${fmtMs(
      ceiling.value.ms,
    )} (${ceilingPerSecond.toFixed(0)}/s, peak ${ceiling.rate.peak.toFixed(
      0,
    )}/s); ours ${(ofCeiling * 100).toFixed(0)} % of it`,
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
      )} % of the ceiling (backend CPU ${fmtMs(
        ours.value.backendCpuMs,
      )} for the ${fmtInt(a.items.length)} items: ${(
        (ours.value.backendCpuMs / ms) *
        100
      ).toFixed(0)} % of one core over the cleanup's ${fmtMs(ms)})`,
      baseline: `plain DELETEs ${fmtInt(ceilingPerSecond)} items/s (${fmtMs(
        ceiling.value.ms,
      )}, peak ${fmtInt(ceiling.rate.peak)}/s)`,
      goal: '≥ 90 % of the ceiling',
      met: ofCeiling >= 0.9,
      data: {
        ceiling: {
          ms: ceiling.value.ms,
          itemsPerSecond: ceilingPerSecond,
          requests: ceiling.rate,
        },
        ofCeiling,
        backendCpuMs: ours.value.backendCpuMs,
        seedSeconds: c.seconds,
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
