/*
 * The measuring process's own GC pauses over a window: a figure whose p95 moves with them is the
 * client's, not the backend's.
 */
import { PerformanceObserver } from 'node:perf_hooks';

export interface GcPauses {
  totalMs: number;
  maxMs: number;
  count: number;
}

/** Starts counting this process's GC pauses; `stop()` ends the window and returns them. */
export function clientGc(): { stop: () => GcPauses } {
  const pauses: GcPauses = { totalMs: 0, maxMs: 0, count: 0 };
  const observer = new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      pauses.totalMs += e.duration;
      pauses.maxMs = Math.max(pauses.maxMs, e.duration);
      pauses.count++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      for (const e of observer.takeRecords()) {
        pauses.totalMs += e.duration;
        pauses.maxMs = Math.max(pauses.maxMs, e.duration);
        pauses.count++;
      }
      observer.disconnect();
      return pauses;
    },
  };
}
