/*
 * Churn: Kratix-like WorkPlacement status writes (the status subresource, a new versionID each
 * time, as the Kratix manager writes after every reconcile) at a fixed rate into the bench
 * apiserver, while a light read load runs against the backend. The backend's CPU comes from
 * /proc/<pid>/stat (user + system) over each window; the same read load with no writes is the
 * idle window it is compared with.
 */
import { BackendProcess, procCpuMs } from '../backend/backendProcess';
import { request } from '../backend/http';
import { KubeHttp, paths } from '../kube/kubeHttp';
import { Figure, fmtInt, fmtMs } from '../results/figure';
import { BIG_PROMISE, TYPICAL_PROMISE } from '../seed/layout';
import { SYSTEM_NAMESPACE } from '../seed/shapes';
import { log } from '../util/log';
import { distribution, Distribution } from '../util/stats';
import { API } from './reads';

/** What the read load asks for, round robin, one request every READ_PERIOD_MS. */
export const CHURN_READS = [
  `${API}/promises/${BIG_PROMISE}/misplaced`,
  `${API}/promises/${TYPICAL_PROMISE}/targeting`,
  `${API}/promises/${BIG_PROMISE}/targeting`,
  `${API}/matrix`,
];
const READ_PERIOD_MS = 250;
const IDLE_SECONDS = 30;
const MAX_IN_FLIGHT = 64;

interface Window {
  seconds: number;
  cpuPercent: number;
  reads: Record<string, Distribution>;
  allReads: Distribution;
  writes?: { sent: number; failed: number; perSecond: number; lateMs: number };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Reads round robin until `stop()`; returns each path's times. */
function readLoop(port: number) {
  let stopped = false;
  const times = new Map<string, number[]>(CHURN_READS.map(p => [p, []]));
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const path = CHURN_READS[i % CHURN_READS.length];
      const t0 = performance.now();
      const r = await request(port, 'GET', path);
      if (r.status !== 200)
        throw new Error(
          `GET ${path} during churn: HTTP ${r.status} ${r.text.slice(0, 200)}`,
        );
      times.get(path)!.push(r.ms);
      const wait = READ_PERIOD_MS - (performance.now() - t0);
      if (wait > 0) await sleep(wait);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      return times;
    },
  };
}

/** Status writes at `perSecond` for `seconds`, cycling over `targets`; counts what was late. */
async function writeLoop(
  kube: KubeHttp,
  targets: Array<{ path: string }>,
  perSecond: number,
  seconds: number,
) {
  const total = perSecond * seconds;
  const t0 = performance.now();
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  let lateMs = 0;
  const pending = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / perSecond;
    const now = performance.now();
    if (due > now) await sleep(due - now);
    else lateMs = Math.max(lateMs, now - due);
    while (inFlight >= MAX_IN_FLIGHT) await Promise.race(pending);
    const target = targets[i % targets.length];
    inFlight += 1;
    const p = kube
      .request(
        'PATCH',
        `${target.path}/status`,
        { status: { versionID: `churn-${i}-${Date.now().toString(36)}` } },
        'application/merge-patch+json',
      )
      .then(r => {
        if (r.status >= 300) failed += 1;
      })
      .catch(() => {
        failed += 1;
      })
      .finally(() => {
        inFlight -= 1;
        sent += 1;
        pending.delete(p);
      });
    pending.add(p);
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  return { sent, failed, perSecond: sent / elapsed, lateMs };
}

async function window(
  b: BackendProcess,
  seconds: number,
  during?: () => Promise<Window['writes']>,
): Promise<Window> {
  const cpu0 = procCpuMs(b.pid);
  const t0 = performance.now();
  const reads = readLoop(b.port);
  const writes = during
    ? await during()
    : (await sleep(seconds * 1000), undefined);
  const times = await reads.stop();
  const elapsed = (performance.now() - t0) / 1000;
  const cpuPercent = ((procCpuMs(b.pid) - cpu0) / 1000 / elapsed) * 100;
  const all = [...times.values()].flat();
  return {
    seconds: elapsed,
    cpuPercent,
    reads: Object.fromEntries([...times].map(([p, t]) => [p, distribution(t)])),
    allReads: distribution(all),
    writes,
  };
}

export async function measureChurn(
  kube: KubeHttp,
  b: BackendProcess,
  perSecond: number,
  seconds: number,
): Promise<Figure[]> {
  // The static-dependency WorkPlacements (every Promise's, spread over all Destinations).
  const list = await kube.json(
    'GET',
    `${paths.kratix('workplacements', SYSTEM_NAMESPACE)}?limit=2000`,
  );
  const targets = (list.items as any[]).map(wp => ({
    path: `${paths.kratix('workplacements', wp.metadata.namespace)}/${
      wp.metadata.name
    }`,
  }));
  if (targets.length === 0)
    throw new Error('no WorkPlacements to write status to');
  log(
    `churn: idle window ${IDLE_SECONDS} s (reads only, one every ${READ_PERIOD_MS} ms)`,
  );
  const idle = await window(b, IDLE_SECONDS);
  log(
    `churn: idle CPU ${idle.cpuPercent.toFixed(
      1,
    )} %, read p95 ${idle.allReads.p95.toFixed(1)} ms`,
  );
  log(
    `churn: ${perSecond} status writes/s for ${seconds} s over ${targets.length} WorkPlacements, same reads`,
  );
  const churn = await window(b, seconds, () =>
    writeLoop(kube, targets, perSecond, seconds),
  );
  log(
    `churn: CPU ${churn.cpuPercent.toFixed(
      1,
    )} %, read p95 ${churn.allReads.p95.toFixed(1)} ms, writes ${JSON.stringify(
      churn.writes,
    )}`,
  );
  const w = churn.writes!;
  const perPath = CHURN_READS.map(p => {
    const name = p.slice(API.length + 1);
    return `${name} ${fmtMs(idle.reads[p].p95)} → ${fmtMs(churn.reads[p].p95)}`;
  }).join('; ');
  const ratio = churn.allReads.p95 / idle.allReads.p95;
  const slow =
    w.perSecond < 0.9 * perSecond
      ? ` — below the requested ${perSecond}/s: the bench apiserver took status writes no faster on this machine`
      : '';
  return [
    {
      id: 'churn.cpu',
      name: `Backend CPU under churn: ${fmtInt(
        perSecond,
      )} WorkPlacement status writes/s for ${seconds} s (${fmtInt(
        targets.length,
      )} WorkPlacements, a new versionID each) with reads every ${READ_PERIOD_MS} ms (${
        CHURN_READS.length
      } paths round robin); /proc/<pid>/stat`,
      result: `${churn.cpuPercent.toFixed(
        1,
      )} % of one core (idle window with the same reads, ${IDLE_SECONDS} s: ${idle.cpuPercent.toFixed(
        1,
      )} %); ${fmtInt(w.sent)} writes at ${w.perSecond.toFixed(
        0,
      )}/s achieved (the apiserver's pace; at most ${MAX_IN_FLIGHT} in flight), ${
        w.failed
      } failed${slow}`,
      goal: '≤ 10 % of one core',
      met: w.failed === 0 ? churn.cpuPercent <= 10 : null,
      data: { idle, churn },
    },
    {
      id: 'churn.reads',
      name: 'Read p95 during the churn vs the idle window (all reads; per path idle → churn)',
      result: `${fmtMs(churn.allReads.p95)} vs ${fmtMs(
        idle.allReads.p95,
      )} idle (${ratio.toFixed(2)}×); ${perPath}`,
      goal: 'within 2× of idle',
      met: ratio <= 2,
      data: { ratio, idle: idle.reads, churn: churn.reads },
    },
  ];
}
