/*
 * Where the machine's CPU goes during one measured run: the CPU time of each process that shares
 * this machine (the backend, the bench control plane's kube-apiserver and etcd, and this bench
 * process, which issues the baseline's requests), per item of the run. On a 2-core machine a
 * cleanup is bound by the sum of these: the items/s cannot exceed cores / (CPU ms per item).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { procCpuMs } from '../backend/backendProcess';
import { fmtInt } from '../results/figure';

export interface CpuPerItem {
  backend: number;
  apiserver: number;
  etcd: number;
  bench: number;
  /** All four, ms of CPU per item. */
  total: number;
  /** The items/s the machine's cores allow at that total (cores × 1000 / total). */
  machineBound: number;
}

export interface ControlPlanePids {
  apiserver?: number;
  etcd?: number;
}

/** The bench control plane's process ids, from its state directory (BENCH_PLATFORM_STATE). */
export function controlPlanePids(
  stateDir = process.env.BENCH_PLATFORM_STATE,
): ControlPlanePids {
  const read = (name: string) => {
    if (!stateDir) return undefined;
    try {
      const pid = Number(
        readFileSync(join(stateDir, 'run', `${name}.pid`), 'utf8').trim(),
      );
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  return { apiserver: read('apiserver'), etcd: read('etcd') };
}

/** A process's CPU time so far (ms), NaN when it is unknown or gone. */
export const cpuOf = (pid?: number) => {
  if (pid === undefined) return NaN;
  try {
    return procCpuMs(pid);
  } catch {
    return NaN;
  }
};
const benchCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `run` and reports the CPU each process used for it, per item. */
export async function measureCpuPerItem<T>(
  pids: ControlPlanePids & { backend: number },
  items: number,
  run: () => Promise<T>,
): Promise<{ value: T; cpu: CpuPerItem }> {
  const start = {
    backend: cpuOf(pids.backend),
    apiserver: cpuOf(pids.apiserver),
    etcd: cpuOf(pids.etcd),
    bench: benchCpuMs(),
  };
  const value = await run();
  const per = (now: number, then: number) => (now - then) / items;
  const backend = per(cpuOf(pids.backend), start.backend);
  const apiserver = per(cpuOf(pids.apiserver), start.apiserver);
  const etcd = per(cpuOf(pids.etcd), start.etcd);
  const bench = per(benchCpuMs(), start.bench);
  const total = backend + apiserver + etcd + bench;
  return {
    value,
    cpu: {
      backend,
      apiserver,
      etcd,
      bench,
      total,
      machineBound: (os.cpus().length * 1000) / total,
    },
  };
}

/** "backend 2.41 + apiserver 1.90 + etcd 0.31 + bench process 0.05 = 4.67 ms CPU/item (2 cores: ≤ 428/s)" */
export function fmtCpuPerItem(c: CpuPerItem): string {
  const known = (x: number, fmt: (n: number) => string) =>
    Number.isFinite(x) ? fmt(x) : '?';
  const f = (x: number) => known(x, n => n.toFixed(2));
  return `backend ${f(c.backend)} + apiserver ${f(c.apiserver)} + etcd ${f(
    c.etcd,
  )} + bench process ${f(c.bench)} = ${f(c.total)} ms CPU/item (${
    os.cpus().length
  } cores: ≤ ${known(c.machineBound, fmtInt)}/s)`;
}
