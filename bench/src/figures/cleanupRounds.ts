/*
 * The measured deletion runs of the cleanup figure, in rounds: each round deletes three equal,
 * freshly seeded sets, one by our cleanup (POST …/cleanup), one by plain DELETEs (the apiserver's
 * ceiling) and one through the product's Kubernetes client alone, in an order that rotates from
 * round to round. One run of each was not enough: on this 2-core machine the apiserver's CPU per
 * DELETE varied up to 2.5× between two runs of the same kind a few seconds apart, so a single
 * ceiling run could land anywhere between 330 and 610 items/s. Every run is sampled the same way
 * (apiserver request counter, CPU of each process), and each kind is summarised by its best run.
 */
import { ok } from '../backend/http';
import {
  RequestRate,
  measureRequestRate,
  workPlacementGetsAndDeletes,
} from '../kube/apiserverMetrics';
import { KubeHttp } from '../kube/kubeHttp';
import { API } from './reads';
import {
  SeededItem,
  clientNodeDeletes,
  plainDeletes,
} from './cleanupBaselines';
import { ControlPlanePids, CpuPerItem, measureCpuPerItem } from './cpuShare';

export type RunKind = 'ours' | 'plain' | 'client';
export const RUN_KINDS: readonly RunKind[] = ['ours', 'plain', 'client'];

export interface DeletionRun {
  kind: RunKind;
  round: number;
  items: number;
  ms: number;
  itemsPerSecond: number;
  cpu: CpuPerItem;
  rate: RequestRate;
  /** Our cleanup's summary (ours only). */
  summary?: any;
}

export interface RoundSettings {
  concurrency: number;
  kubeconfigPath: string;
}

/** The order of the three kinds in round r (0-based): each kind goes first once in three rounds. */
export function roundOrder(r: number): RunKind[] {
  return RUN_KINDS.map((_, i) => RUN_KINDS[(i + r) % RUN_KINDS.length]);
}

async function deleteOnce(
  kind: RunKind,
  kube: KubeHttp,
  port: number,
  items: readonly SeededItem[],
  s: RoundSettings,
): Promise<{ ms: number; summary?: any }> {
  const t0 = performance.now();
  if (kind === 'ours') {
    const r = await ok(port, 'POST', `${API}/cleanup`, { items });
    const ms = performance.now() - t0;
    const summary = r.json.summary;
    if (summary.deleted !== items.length) {
      const reasons = [
        ...new Set(
          (r.json.results as any[])
            .filter(x => x.outcome !== 'deleted')
            .map(x => x.reason),
        ),
      ].slice(0, 5);
      throw new Error(
        `backend cleanup deleted ${summary.deleted} of ${
          items.length
        }: ${reasons.join('; ')}`,
      );
    }
    return { ms, summary };
  }
  const failed =
    kind === 'plain'
      ? (await plainDeletes(kube, items, s.concurrency)).map(String)
      : await clientNodeDeletes(s.kubeconfigPath, items, s.concurrency);
  const ms = performance.now() - t0;
  if (failed.length)
    throw new Error(
      `${kind} DELETEs: ${failed.length} of ${items.length} failed (${[
        ...new Set(failed),
      ].join(', ')})`,
    );
  return { ms };
}

/** Runs every round; `sets[r][kind]` is the set that kind deletes in round r. */
export async function runDeletionRounds(
  kube: KubeHttp,
  port: number,
  pids: ControlPlanePids & { backend: number },
  sets: ReadonlyArray<Record<RunKind, readonly SeededItem[]>>,
  s: RoundSettings,
  onRun: (run: DeletionRun) => void,
): Promise<DeletionRun[]> {
  const runs: DeletionRun[] = [];
  for (let round = 0; round < sets.length; round++) {
    for (const kind of roundOrder(round)) {
      const items = sets[round][kind];
      const measured = await measureRequestRate(
        kube,
        workPlacementGetsAndDeletes,
        () =>
          measureCpuPerItem(pids, items.length, () =>
            deleteOnce(kind, kube, port, items, s),
          ),
      );
      const { ms, summary } = measured.value.value;
      const run: DeletionRun = {
        kind,
        round,
        items: items.length,
        ms,
        itemsPerSecond: (items.length / ms) * 1000,
        cpu: measured.value.cpu,
        rate: measured.rate,
        summary,
      };
      onRun(run);
      runs.push(run);
    }
  }
  return runs;
}

/** The fastest run of a kind (ties: the earlier). */
export function bestRun(
  runs: readonly DeletionRun[],
  kind: RunKind,
): DeletionRun {
  const of = runs.filter(r => r.kind === kind);
  if (!of.length) throw new Error(`no ${kind} run`);
  return of.reduce((best, r) =>
    r.itemsPerSecond > best.itemsPerSecond ? r : best,
  );
}
