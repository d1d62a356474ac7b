/*
 * Read figures over HTTP against the warm backend: misplaced lists (vs the baselines), targeting,
 * matrix. Each request is timed to its last byte; p50/p95 over sequential runs after a warm-up.
 */
import { ok } from '../backend/http';
import { timeInChild } from '../backend/timingClient';
import { Figure, fmtMB, fmtMs, fmtRatio, fmtInt } from '../results/figure';
import { BIG_PROMISE, TYPICAL_PROMISE } from '../seed/layout';
import { log } from '../util/log';
import { Distribution, distribution } from '../util/stats';
import { BackendProcess } from '../backend/backendProcess';
import { MisplacedBaselines } from './baselineRuns';

export const API = '/api/kratix/platforms/bench';
const WARMUP = 10;

export type Timed = Distribution & {
  cpuMsPerRequest: number;
  /** The measuring process's own GC pauses during the measured runs (ms in all, longest). */
  clientGcMs: number;
  clientGcMaxMs: number;
};

/**
 * p50/p95 of `runs` sequential requests after a warm-up, sent by the timing child process (its own
 * small heap: timingChild.ts), and the backend's CPU time per request (process.cpuUsage of the
 * backend process over the measured runs: less sensitive than latency to other work on the
 * machine).
 */
export async function timeRequests(
  b: BackendProcess,
  req: { method: 'GET' | 'POST'; path: string; body?: unknown },
  runs: number,
  warmup: number,
): Promise<Timed> {
  const batch = { port: b.port, ...req };
  await timeInChild({ ...batch, runs: warmup, warmup: 0 });
  // Each batch has its own connection: one unmeasured request opens it. The backend CPU covers
  // that request and the measured runs.
  const cpu0 = await b.cpuMs();
  const timed = await timeInChild({ ...batch, runs, warmup: 1 });
  const cpu1 = await b.cpuMs();
  return {
    ...distribution(timed.times),
    cpuMsPerRequest: (cpu1 - cpu0) / (runs + 1),
    clientGcMs: timed.gcMs,
    clientGcMaxMs: timed.gcMaxMs,
  };
}

export const fmtTimed = (d: Timed) =>
  `${fmtMs(d.p50)} / ${fmtMs(d.p95)} (backend CPU ${d.cpuMsPerRequest.toFixed(
    1,
  )} ms/request)`;

async function timeGet(
  b: BackendProcess,
  path: string,
  runs: number,
): Promise<{ d: Timed; json: any; bytes: number }> {
  const first = await ok(b.port, 'GET', path);
  const d = await timeRequests(b, { method: 'GET', path }, runs, WARMUP);
  log(
    `GET ${path}: p50 ${d.p50.toFixed(1)} ms, p95 ${d.p95.toFixed(
      1,
    )} ms, CPU ${d.cpuMsPerRequest.toFixed(1)} ms/request (${fmtInt(
      first.bytes,
    )} bytes; the timing client's GC ${d.clientGcMs.toFixed(
      1,
    )} ms, longest ${d.clientGcMaxMs.toFixed(1)} ms)`,
  );
  return { d, json: first.json, bytes: first.bytes };
}

function misplacedFigures(
  id: string,
  label: string,
  d: Timed,
  total: number,
  b: MisplacedBaselines | undefined,
): Figure[] {
  const latency: Figure = {
    id: `${id}.latency`,
    name: `Misplaced list, ${label} (${fmtInt(
      total,
    )} misplaced, first page of 100): backend p50 / p95`,
    result: fmtTimed(d),
    goal: 'p95 ≤ 20 ms',
    met: d.p95 <= 20,
    data: d,
  };
  if (!b) return [latency];
  const vsKubectl = b.kubectl.p50 / d.p50;
  const vsClient = b.clientNode.p50 / d.p50;
  return [
    latency,
    {
      id: `${id}.vsKubectl`,
      name: `Misplaced list, ${label}: backend vs \`${b.command}\``,
      result: fmtRatio(vsKubectl),
      baseline: `kubectl p50 ${fmtMs(b.kubectl.p50)} (p95 ${fmtMs(
        b.kubectl.p95,
      )}, ${b.kubectl.runs} runs, ${fmtInt(b.kubectl.items)} objects)`,
      goal: '≥ 20× faster (p50/p50)',
      met: vsKubectl >= 20,
      data: { ratio: vsKubectl, kubectl: b.kubectl },
    },
    {
      id: `${id}.vsClientNode`,
      name: `Misplaced list, ${label}: backend vs paged LIST with label selector (@kubernetes/client-node)`,
      result: fmtRatio(vsClient),
      baseline: `LIST p50 ${fmtMs(b.clientNode.p50)} (p95 ${fmtMs(
        b.clientNode.p95,
      )}, ${b.clientNode.runs} runs)`,
      goal: '≥ 20× faster (p50/p50)',
      met: vsClient >= 20,
      data: { ratio: vsClient, clientNode: b.clientNode },
    },
  ];
}

/** BENCH_TRACE_MEMORY=1: logs the backend's memory after each read figure (bench/README.md, memory). */
async function traceMemory(b: BackendProcess, after: string): Promise<void> {
  if (process.env.BENCH_TRACE_MEMORY !== '1') return;
  const m = await b.memory();
  log(
    `memory after ${after}: RSS ${fmtMB(m.rss)}, heap used ${fmtMB(
      m.heapUsed,
    )}, committed ${fmtMB(m.heapTotal)}`,
  );
}

export async function measureReads(
  b: BackendProcess,
  runs: number,
  baselines: MisplacedBaselines | undefined,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const one = await timeGet(
    b,
    `${API}/promises/${BIG_PROMISE}/misplaced`,
    runs,
  );
  figures.push(
    ...misplacedFigures(
      'misplaced.onePromise',
      `one Promise (${BIG_PROMISE})`,
      one.d,
      one.json.total,
      baselines,
    ),
  );
  await traceMemory(b, 'misplaced one Promise');
  const all = await timeGet(b, `${API}/misplaced`, runs);
  figures.push(
    ...misplacedFigures(
      'misplaced.all',
      'all Promises',
      all.d,
      all.json.total,
      baselines,
    ),
  );
  await traceMemory(b, 'misplaced all');
  const full = await timeGet(
    b,
    `${API}/misplaced?limit=1000`,
    Math.max(10, Math.floor(runs / 4)),
  );
  figures.push({
    id: 'misplaced.all.page1000',
    name: 'Misplaced list, all Promises, largest page (limit=1000): backend p50 / p95',
    result: fmtTimed(full.d),
    met: null,
    data: { ...full.d, bytes: full.bytes },
  });

  await traceMemory(b, 'misplaced limit=1000');
  const typical = await timeGet(
    b,
    `${API}/promises/${TYPICAL_PROMISE}/targeting`,
    runs,
  );
  figures.push({
    id: 'targeting.typical',
    name: `Targeting, one Promise (${TYPICAL_PROMISE}: ${typical.json.destinations.length} Destinations, ${typical.json.workloadGroups.length} workload group): p50 / p95`,
    result: fmtTimed(typical.d),
    goal: 'p95 ≤ 10 ms',
    met: typical.d.p95 <= 10,
    data: { ...typical.d, bytes: typical.bytes },
  });
  await traceMemory(b, 'targeting typical');
  const big = await timeGet(
    b,
    `${API}/promises/${BIG_PROMISE}/targeting`,
    Math.max(10, Math.floor(runs / 4)),
  );
  figures.push({
    id: 'targeting.big',
    name: `Targeting, largest Promise (${BIG_PROMISE}: ${fmtInt(
      big.json.workloadGroupsTotal,
    )} workload groups, first page of ${
      big.json.workloadGroups.length
    }): p50 / p95`,
    result: fmtTimed(big.d),
    goal: 'p95 ≤ 10 ms',
    met: big.d.p95 <= 10,
    data: { ...big.d, bytes: big.bytes },
  });
  await traceMemory(b, 'targeting big');
  const bigPage = await timeGet(
    b,
    `${API}/promises/${BIG_PROMISE}/targeting?groupsOffset=5000&groupsLimit=1000`,
    Math.max(10, Math.floor(runs / 4)),
  );
  figures.push({
    id: 'targeting.bigPage',
    name: `Targeting, largest Promise, largest page (groupsOffset=5000, groupsLimit=1000): p50 / p95`,
    result: fmtTimed(bigPage.d),
    met: null,
    data: { ...bigPage.d, bytes: bigPage.bytes },
  });

  await traceMemory(b, 'targeting big page');
  const matrix = await timeGet(
    b,
    `${API}/matrix`,
    Math.max(10, Math.floor(runs / 4)),
  );
  figures.push({
    id: 'matrix',
    name: `Matrix (${matrix.json.promises.length} Promises × ${fmtInt(
      matrix.json.destinations.length,
    )} Destinations, ${fmtInt(matrix.json.cells.length)} cells): p50 / p95`,
    result: fmtTimed(matrix.d),
    met: null,
    data: { ...matrix.d, bytes: matrix.bytes },
  });
  return figures;
}
