/*
 * Where a page's time to interactive goes, from the page's own Performance API: when the document
 * finished loading its scripts (DOMContentLoaded), how much JavaScript it decoded, and when the
 * Misplaced tab's request to the Kratix backend started and ended.
 */
import type { Page } from 'playwright-core';
import { percentile } from '../util/stats';

export interface Breakdown {
  /** DOMContentLoaded end, ms since navigation start (undefined for an in-app navigation). */
  domContentLoaded?: number;
  jsDecodedKB: number;
  /** The misplaced-list request, ms since `since`. */
  apiStart?: number;
  apiEnd?: number;
}

export async function breakdown(page: Page, since = 0): Promise<Breakdown> {
  return page.evaluate(origin => {
    const nav = performance.getEntriesByType('navigation')[0] as
      | PerformanceNavigationTiming
      | undefined;
    const resources = performance.getEntriesByType(
      'resource',
    ) as PerformanceResourceTiming[];
    const api = resources
      .filter(
        r => r.name.includes('/api/kratix/') && r.name.includes('/misplaced'),
      )
      .pop();
    return {
      domContentLoaded:
        nav && origin === 0 ? nav.domContentLoadedEventEnd : undefined,
      jsDecodedKB: Math.round(
        resources
          .filter(r => /\.js(\?|$)/.test(r.name))
          .reduce((n, r) => n + r.decodedBodySize, 0) / 1024,
      ),
      apiStart: api ? api.startTime - origin : undefined,
      apiEnd: api ? api.responseEnd - origin : undefined,
    };
  }, since);
}

const median = (xs: Array<number | undefined>) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? Math.round(percentile(v, 50)) : undefined;
};

/** "DOMContentLoaded at … ms (… MB of JS); Kratix request … → … ms", medians over the runs. */
export function describeBreakdowns(list: Breakdown[]): string {
  const parts: string[] = [];
  const dcl = median(list.map(b => b.domContentLoaded));
  if (dcl !== undefined)
    parts.push(
      `scripts loaded (DOMContentLoaded) at ${dcl} ms, ${(
        Math.max(...list.map(b => b.jsDecodedKB)) / 1024
      ).toFixed(0)} MB of JavaScript`,
    );
  const start = median(list.map(b => b.apiStart));
  const end = median(list.map(b => b.apiEnd));
  if (start !== undefined && end !== undefined)
    parts.push(`misplaced request ${start} → ${end} ms`);
  return parts.join('; ');
}
