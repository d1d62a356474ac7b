/*
 * The bench dataset, as a plan (names, labels, placements), computed from the sizes alone.
 *
 * Story: Destinations sit in 5 pools (label `pool`) and 10 regions (label `region`). Every Promise
 * sends its static dependencies to one pool ({pool: pN}), so its static-dependency Work has one
 * WorkPlacement per Destination of that pool. Promise `bench-p-000` (the "big" one) has a resource
 * API with one resource Work per request (resource workflow selector {region: rN} + the Promise's
 * {pool: p0}); it moved from pool p1 to p0, so Kratix v0.125.0 left its dependency WorkPlacements on
 * p1 and the resource WorkPlacements still on p1 labelled `kratix.io/misscheduled=true`. All misplaced
 * WorkPlacements therefore belong to `bench-p-000`, whose Misplaced tab has that many rows.
 */
export const POOLS = 5;
export const REGIONS = 10;
export const NAMESPACES = 10;
export const PROMISE_PREFIX = 'bench-p-';
export const BIG_PROMISE = 'bench-p-000';
/** The Promise used for "one typical Promise" figures (a static-dependency-only Promise). */
export const TYPICAL_PROMISE = 'bench-p-001';
export const STATE_STORE = 'bench';
export const CLEANUP_SET_LABEL = 'bench.kratix.io/cleanup-set';
export const RESOURCE_PIPELINE = 'instance-configure';

export interface BenchSizes {
  destinations: number;
  promises: number;
  workPlacements: number;
  misplaced: number;
}

export interface PromisePlan {
  name: string;
  pool: number;
  /** The pool it targeted before (its dependency WorkPlacements there are misplaced). */
  previousPool?: number;
  hasApi: boolean;
}

export interface ResourcePlan {
  index: number;
  namespace: string;
  /** Resource request name. */
  name: string;
  region: number;
  destination: string;
  misplaced: boolean;
}

export interface Layout {
  sizes: BenchSizes;
  destinations: Array<{ name: string; labels: Record<string, string> }>;
  promises: PromisePlan[];
  namespaces: string[];
  resources: ResourcePlan[];
  counts: {
    works: number;
    dependencyWorkPlacements: number;
    resourceWorkPlacements: number;
    misplacedDependency: number;
    misplacedResource: number;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const destinationName = (i: number) => `bench-dest-${pad(i, 4)}`;
export const promiseName = (k: number) => `${PROMISE_PREFIX}${pad(k, 3)}`;
export const namespaceName = (i: number) => `bench-team-${pad(i, 2)}`;
export const poolOf = (i: number) => i % POOLS;
export const regionOf = (i: number) => Math.floor(i / POOLS) % REGIONS;

/** Destination indexes of a pool, optionally of one region too. */
export function poolMembers(
  destinations: number,
  pool: number,
  region?: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < destinations; i++) {
    if (poolOf(i) === pool && (region === undefined || regionOf(i) === region))
      out.push(i);
  }
  return out;
}

export function planLayout(sizes: BenchSizes): Layout {
  const {
    destinations: D,
    promises: P,
    workPlacements: WP,
    misplaced: MIS,
  } = sizes;
  if (D < POOLS * REGIONS)
    throw new Error(`need at least ${POOLS * REGIONS} Destinations`);
  if (P < 1) throw new Error('need at least one Promise');
  const promises: PromisePlan[] = Array.from({ length: P }, (_, k) => ({
    name: promiseName(k),
    pool: k % POOLS,
    previousPool: k === 0 ? 1 : undefined,
    hasApi: k === 0,
  }));
  const poolSize = (p: number) => poolMembers(D, p).length;
  const misplacedDependency = poolSize(1);
  const dependencyWorkPlacements = promises.reduce(
    (n, p) =>
      n +
      poolSize(p.pool) +
      (p.previousPool === undefined ? 0 : poolSize(p.previousPool)),
    0,
  );
  const R = WP - dependencyWorkPlacements;
  const misplacedResource = MIS - misplacedDependency;
  if (R < 0) {
    throw new Error(
      `${WP} WorkPlacements is fewer than the ${dependencyWorkPlacements} the static dependencies need`,
    );
  }
  if (misplacedResource < 0 || misplacedResource > R) {
    throw new Error(
      `cannot have ${MIS} misplaced: between ${misplacedDependency} and ${
        misplacedDependency + R
      }`,
    );
  }
  const byPoolRegion = new Map<string, number[]>();
  const members = (pool: number, region: number) => {
    const key = `${pool}/${region}`;
    let m = byPoolRegion.get(key);
    if (!m) byPoolRegion.set(key, (m = poolMembers(D, pool, region)));
    return m;
  };
  const resources: ResourcePlan[] = [];
  for (let j = 0; j < R; j++) {
    const region = j % REGIONS;
    const misplaced = j < misplacedResource;
    const candidates = members(misplaced ? 1 : 0, region);
    resources.push({
      index: j,
      namespace: namespaceName(j % NAMESPACES),
      name: `app-${pad(j, 5)}`,
      region,
      destination: destinationName(
        candidates[Math.floor(j / REGIONS) % candidates.length],
      ),
      misplaced,
    });
  }
  return {
    sizes,
    destinations: Array.from({ length: D }, (_, i) => ({
      name: destinationName(i),
      labels: { pool: `p${poolOf(i)}`, region: `r${regionOf(i)}` },
    })),
    promises,
    namespaces: Array.from({ length: NAMESPACES }, (_, i) => namespaceName(i)),
    resources,
    counts: {
      works: P + R,
      dependencyWorkPlacements,
      resourceWorkPlacements: R,
      misplacedDependency,
      misplacedResource,
    },
  };
}

/**
 * `count` equal cleanup sets (bench/src/figures/cleanup.ts: one for kubectl, then three per round
 * for our cleanup, plain DELETEs and the client alone): misplaced dependency WorkPlacements of
 * Promises bench-p-001… on the pool after their own, as if each Promise had moved pools. Each
 * entry is a Promise and the Destinations of its set.
 */
export function planCleanupSets(
  layout: Layout,
  size: number,
  count: number,
): Array<Array<{ promise: PromisePlan; destinations: string[] }>> {
  const D = layout.sizes.destinations;
  let k = 1;
  const take = () => {
    const out: Array<{ promise: PromisePlan; destinations: string[] }> = [];
    let left = size;
    while (left > 0) {
      const promise = layout.promises[k++];
      if (!promise)
        throw new Error(
          `not enough Promises for ${count} cleanup sets of ${size}`,
        );
      const dests = poolMembers(D, (promise.pool + 1) % POOLS)
        .slice(0, left)
        .map(destinationName);
      out.push({ promise, destinations: dests });
      left -= dests.length;
    }
    return out;
  };
  return Array.from({ length: count }, take);
}
