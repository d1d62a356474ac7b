/*
 * Waits for the bench control plane to go quiet before a cold start. The seeder writes most
 * objects straight into etcd (seed/bulk.ts); the apiserver then works through those writes in the
 * background (its watch cache), and at 4S that took it tens of seconds. A backend restarting on a
 * real platform meets an apiserver at rest, so the cold start is measured from one.
 */
import { controlPlanePids, cpuOf } from '../figures/cpuShare';
import { log } from '../util/log';

export interface Quiet {
  /** How long it took to go quiet (or the limit). */
  waitedMs: number;
  /** The apiserver's and etcd's CPU over the last window, % of one core. */
  busyPercent: number;
  quiet: boolean;
}

/** The CPU time so far of the processes still there (ms). */
const cpuNow = (pids: number[]) =>
  pids.reduce((sum, pid) => sum + (cpuOf(pid) || 0), 0);

/** Quiet: apiserver + etcd under `percent` % of one core over `windowMs`, at most `limitMs`. Logged. */
export async function awaitQuietControlPlane(
  percent = 10,
  windowMs = 2000,
  limitMs = 180_000,
): Promise<Quiet> {
  const q = await untilQuiet(percent, windowMs, limitMs);
  log(
    `control plane ${q.quiet ? 'quiet' : 'still busy'} after ${(
      q.waitedMs / 1000
    ).toFixed(1)} s (apiserver + etcd ${q.busyPercent.toFixed(0)} % of a core)`,
  );
  return q;
}

async function untilQuiet(
  percent: number,
  windowMs: number,
  limitMs: number,
): Promise<Quiet> {
  const { apiserver, etcd } = controlPlanePids();
  const pids = [apiserver, etcd].filter((p): p is number => p !== undefined);
  const t0 = performance.now();
  let busyPercent = NaN;
  if (pids.length === 0) return { waitedMs: 0, busyPercent, quiet: false };
  while (performance.now() - t0 < limitMs) {
    const c0 = cpuNow(pids);
    await new Promise(r => setTimeout(r, windowMs));
    busyPercent = ((cpuNow(pids) - c0) / windowMs) * 100;
    if (busyPercent < percent) {
      return { waitedMs: performance.now() - t0, busyPercent, quiet: true };
    }
  }
  return { waitedMs: performance.now() - t0, busyPercent, quiet: false };
}
