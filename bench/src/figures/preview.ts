/*
 * The what-if preview of moving the big Promise (all its Works) from pool p0 to p2: every one of
 * its workload groups is re-matched against every Destination.
 */
import { ok } from '../backend/http';
import { Figure, fmtInt } from '../results/figure';
import { BIG_PROMISE } from '../seed/layout';
import { log } from '../util/log';
import { BackendProcess } from '../backend/backendProcess';
import { API, fmtTimed, timeRequests } from './reads';

export const PREVIEW_BODY = {
  specPatch: { destinationSelectors: [{ matchLabels: { pool: 'p2' } }] },
};

export async function measurePreview(
  b: BackendProcess,
  runs: number,
  destinations: number,
  works: number,
): Promise<Figure> {
  const path = `${API}/promises/${BIG_PROMISE}/preview`;
  const first = await ok(b.port, 'POST', path, PREVIEW_BODY);
  const d = await timeRequests(
    b,
    { method: 'POST', path, body: PREVIEW_BODY },
    runs,
    3,
  );
  const s = first.json.summary ?? {};
  log(`POST ${path}: p50 ${d.p50.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms`);
  return {
    id: 'preview',
    name: `What-if preview, ${BIG_PROMISE} pool p0 → p2 (${fmtInt(
      destinations,
    )} Destinations × ${fmtInt(works)} Works; ${fmtInt(
      s.groupsAffected ?? 0,
    )} groups affected): p50 / p95`,
    result: fmtTimed(d),
    goal: 'p95 ≤ 200 ms',
    met: d.p95 <= 200,
    data: { ...d, bytes: first.bytes, summary: s },
  };
}
