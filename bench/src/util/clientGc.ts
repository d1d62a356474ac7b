/*
 * The measuring process's own GC pauses over a window: a figure whose p95 moves with them is the
 * client's, not the backend's.
 */
import { PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

export interface GcPauses {
  totalMs: number;
  maxMs: number;
  count: number;
}

/** Starts counting this process's GC pauses; `stop()` ends the window and returns them. */
export function clientGc(): { stop: () => GcPauses } {
  const pauses: GcPauses = { totalMs: 0, maxMs: 0, count: 0 };
  const add = (entries: readonly PerformanceEntry[]) => {
    for (const e of entries) {
      pauses.totalMs += e.duration;
      pauses.maxMs = Math.max(pauses.maxMs, e.duration);
      pauses.count++;
    }
  };
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      add(observer.takeRecords());
      observer.disconnect();
      return pauses;
    },
  };
}
