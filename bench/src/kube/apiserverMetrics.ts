/*
 * Request counts from the apiserver's own metrics (`apiserver_request_total` on /metrics, read with
 * the admin kubeconfig), sampled while something runs: total requests and the highest per-second
 * rate between two samples.
 */
import { KubeHttp } from './kubeHttp';

export type LabelFilter = (labels: Record<string, string>) => boolean;

/** Sum of apiserver_request_total over the series whose labels pass the filter. */
export function countRequests(
  metricsText: string,
  filter: LabelFilter,
): number {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const close = line.lastIndexOf('}');
    const labels: Record<string, string> = {};
    for (const m of line
      .slice('apiserver_request_total{'.length, close)
      .matchAll(/(\w+)="([^"]*)"/g))
      labels[m[1]] = m[2];
    if (filter(labels)) total += Number(line.slice(close + 1).trim());
  }
  return total;
}

/** GET and DELETE of WorkPlacements (a cleanup's requests; watches and lists are other verbs). */
export const workPlacementGetsAndDeletes: LabelFilter = l =>
  l.resource === 'workplacements' &&
  l.subresource === '' &&
  (l.verb === 'GET' || l.verb === 'DELETE');

export interface RequestRate {
  requests: number;
  seconds: number;
  average: number;
  /** Highest rate over any sampling interval (≈ 1 s). */
  peak: number;
  samples: Array<{ t: number; count: number }>;
}

/** Samples the counter every `intervalMs` while `run` runs. */
export async function measureRequestRate<T>(
  kube: KubeHttp,
  filter: LabelFilter,
  run: () => Promise<T>,
  intervalMs = 1000,
): Promise<{ value: T; rate: RequestRate }> {
  const read = async () => ({
    t: performance.now(),
    count: countRequests(await kube.text('/metrics'), filter),
  });
  const samples = [await read()];
  let done = false;
  const sampler = (async () => {
    while (!done) {
      await new Promise(r => setTimeout(r, intervalMs));
      if (!done) samples.push(await read());
    }
  })();
  let value: T;
  try {
    value = await run();
  } finally {
    done = true;
    await sampler;
  }
  samples.push(await read());
  const first = samples[0];
  const last = samples[samples.length - 1];
  let peak = 0;
  for (let i = 1; i < samples.length; i++) {
    const dt = (samples[i].t - samples[i - 1].t) / 1000;
    if (dt >= intervalMs / 2000)
      peak = Math.max(peak, (samples[i].count - samples[i - 1].count) / dt);
  }
  const seconds = (last.t - first.t) / 1000;
  return {
    value,
    rate: {
      requests: last.count - first.count,
      seconds,
      average: (last.count - first.count) / seconds,
      peak,
      samples: samples.map(s => ({
        t: Math.round(s.t - first.t),
        count: s.count - first.count,
      })),
    },
  };
}
