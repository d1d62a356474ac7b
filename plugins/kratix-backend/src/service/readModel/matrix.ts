import {
  MatrixCell,
  MatrixResponse,
  ReadMeta,
  compareCodeUnits,
  matchDestination,
  misplacementLabelOf,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformCache } from '@kratix-backstage/plugin-kratix-node';

type MatrixBody = Omit<MatrixResponse, keyof ReadMeta>;

/** The last matrix per cache, with the store revisions it was computed from (and its JSON once asked for). */
const lastMatrix = new WeakMap<
  KratixPlatformCache,
  { key: string; body: MatrixBody; json?: string }
>();

function currentMatrix(cache: KratixPlatformCache) {
  const key = [
    cache.promises.revision,
    cache.destinations.revision,
    cache.workPlacements.revision,
    cache.generation,
  ].join(':');
  let last = lastMatrix.get(cache);
  if (!last || last.key !== key) {
    last = { key, body: computeMatrix(cache) };
    lastMatrix.set(cache, last);
  }
  return last;
}

/**
 * Destinations × Promises: WorkPlacement and misplaced counts per cell, and Promise targeting.
 * Computed again only when the Promises, Destinations or WorkPlacements changed since the last call.
 */
export function matrix(
  cache: KratixPlatformCache,
  meta: ReadMeta,
): MatrixResponse {
  return { ...meta, ...currentMatrix(cache).body };
}

/**
 * The same answer as JSON text (what `res.json(matrix(...))` would send). At 200 Promises × 1,000
 * Destinations it is ≈ 4 MB: serialised once per change instead of once per request.
 */
export function matrixJson(cache: KratixPlatformCache, meta: ReadMeta): string {
  const last = currentMatrix(cache);
  last.json ??= JSON.stringify(last.body);
  return `${JSON.stringify(meta).slice(0, -1)},${last.json.slice(1)}`;
}

function computeMatrix(cache: KratixPlatformCache): MatrixBody {
  const promises = cache.promises
    .all()
    .map(p => p.name)
    .sort(compareCodeUnits);
  const destinations = cache.destinations
    .all()
    .map(d => d.name)
    .sort(compareCodeUnits);
  const cells = new Map<string, MatrixCell>();
  const cell = (promise: string, destination: string) => {
    const key = `${promise}\u0000${destination}`;
    let c = cells.get(key);
    if (!c) {
      c = {
        promise,
        destination,
        workPlacements: 0,
        misplaced: 0,
        targeted: false,
      };
      cells.set(key, c);
    }
    return c;
  };
  for (const wp of cache.workPlacements.all()) {
    const c = cell(wp.promiseName, wp.targetDestinationName);
    c.workPlacements += 1;
    if (misplacementLabelOf(wp.labels)) c.misplaced += 1;
  }
  const allDestinations = cache.destinations.all();
  for (const p of cache.promises.all()) {
    const { matchLabels } = squashPromiseScheduling(p.destinationSelectors);
    for (const d of allDestinations) {
      if (
        matchDestination(matchLabels, d, { generation: cache.generation })
          .matched
      ) {
        cell(p.name, d.name).targeted = true;
      }
    }
  }
  return {
    promises,
    destinations,
    cells: [...cells.values()].sort(
      (a, b) =>
        compareCodeUnits(a.promise, b.promise) ||
        compareCodeUnits(a.destination, b.destination),
    ),
  };
}
