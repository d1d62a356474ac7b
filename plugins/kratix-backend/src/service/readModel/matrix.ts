import {
  MatrixCell,
  MatrixResponse,
  ReadMeta,
  compareCodeUnits,
  matchDestination,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformCache } from '@kratix-backstage/plugin-kratix-node';

type MatrixBody = Omit<MatrixResponse, keyof ReadMeta>;

/** The last matrix per cache, with the store revisions it was computed from (and its JSON chunks once asked for). */
const lastMatrix = new WeakMap<
  KratixPlatformCache,
  { key: string; body: MatrixBody; chunks?: string[] }
>();

/** Cells per JSON chunk: ≈ 100 kB of text each, so no answer is one multi-megabyte string. */
export const MATRIX_CELLS_PER_CHUNK = 1000;

function currentMatrix(cache: KratixPlatformCache) {
  // The counts' revision moves only when a count does: WorkPlacement status writes keep the matrix.
  const key = [
    cache.promises.revision,
    cache.destinations.revision,
    cache.placementCounts.revision,
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
 * Computed again only when the Promises, Destinations or a count of WorkPlacements changed since the last call.
 */
export function matrix(
  cache: KratixPlatformCache,
  meta: ReadMeta,
): MatrixResponse {
  return { ...meta, ...currentMatrix(cache).body };
}

/**
 * The same answer as JSON text (what `res.json(matrix(...))` would send), in chunks to be written
 * one after the other: the request's meta, then the body's chunks, serialised once per change of
 * the matrix. At 200 Promises × 4,000 Destinations the answer is ≈ 17 MB; sent in ≈ 100 kB pieces
 * it is never built (nor copied into a buffer) as one string.
 */
export function matrixJsonChunks(
  cache: KratixPlatformCache,
  meta: ReadMeta,
): string[] {
  const last = currentMatrix(cache);
  last.chunks ??= bodyChunks(last.body);
  return [`${JSON.stringify(meta).slice(0, -1)},`, ...last.chunks];
}

/** The whole answer as one JSON string (tests; the route streams matrixJsonChunks). */
export function matrixJson(cache: KratixPlatformCache, meta: ReadMeta): string {
  return matrixJsonChunks(cache, meta).join('');
}

/** `JSON.stringify(body)` without its opening brace, cut between cells. */
function bodyChunks(body: MatrixBody): string[] {
  const head = `${JSON.stringify({
    promises: body.promises,
    destinations: body.destinations,
  }).slice(1, -1)},"cells":[`;
  const chunks = [head];
  for (let i = 0; i < body.cells.length; i += MATRIX_CELLS_PER_CHUNK) {
    const part = JSON.stringify(
      body.cells.slice(i, i + MATRIX_CELLS_PER_CHUNK),
    ).slice(1, -1);
    chunks.push(i === 0 ? part : `,${part}`);
  }
  chunks.push(']}');
  return chunks;
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
  // The cells' counts are kept from the watch events (PlacementCounts): no scan of the WorkPlacements.
  for (const { promise, destination, count } of cache.placementCounts.cells()) {
    const c = cell(promise, destination);
    c.workPlacements = count.total;
    c.misplaced = count.misplaced;
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
