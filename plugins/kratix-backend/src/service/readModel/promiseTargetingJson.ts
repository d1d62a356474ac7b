import {
  ReadMeta,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KratixPlatformCache,
  PLACEMENT_ASPECT,
} from '@kratix-backstage/plugin-kratix-node';
import { requirePromise } from './promiseSummary';
import { promiseTargeting } from './promiseTargeting';

/**
 * Serialised answers kept per platform cache: (Promise, page) pairs, oldest dropped first, at
 * most this many and this many bytes together. At 4,000 Destinations one answer is megabytes, so
 * a count alone would let a portal that shows many Promises keep hundreds of megabytes.
 */
export const TARGETING_KEPT_LIMITS = { entries: 256, bytes: 64 * 1024 * 1024 };

interface Kept {
  version: readonly unknown[];
  /** The answer without its per-request parts and without its opening brace, as UTF-8. */
  tail: Buffer;
}

interface KeptAnswers {
  entries: Map<string, Kept>;
  bytes: number;
}

const keptByCache = new WeakMap<KratixPlatformCache, KeptAnswers>();

/** How many answers, and bytes, are kept for this cache (for tests and diagnostics). */
export function keptTargetingAnswers(cache: KratixPlatformCache): {
  entries: number;
  bytes: number;
} {
  const kept = keptByCache.get(cache);
  return { entries: kept?.entries.size ?? 0, bytes: kept?.bytes ?? 0 };
}

function keep(
  kept: KeptAnswers,
  key: string,
  entry: Kept,
  limits: typeof TARGETING_KEPT_LIMITS,
): void {
  const old = kept.entries.get(key);
  if (old) {
    kept.entries.delete(key);
    kept.bytes -= old.tail.length;
  }
  // An answer larger than the whole budget is served, not kept.
  if (entry.tail.length > limits.bytes) return;
  kept.entries.set(key, entry);
  kept.bytes += entry.tail.length;
  for (const [k, e] of kept.entries) {
    if (kept.entries.size <= limits.entries && kept.bytes <= limits.bytes)
      break;
    kept.entries.delete(k);
    kept.bytes -= e.tail.length;
  }
}

const sameVersion = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The targeting answer as JSON, serialised once per change of what it is built from and reused
 * until then: at 4,000 Destinations it is megabytes, and building it is most of a request. What
 * it reads, and so its version: the Promise's selectors, the Destinations and state stores (any
 * change), the WorkPlacement counts, and the Works' and WorkPlacements' placement (status-only
 * writes, which Kratix makes all the time, keep it). The per-request parts (read meta, the
 * Promise's resourceVersion, which Kratix's status writes move) go before it. Kept as UTF-8
 * bytes and answered as [head, kept body], so a request costs a write, not an encoding or a copy.
 */
export function promiseTargetingJson(
  cache: KratixPlatformCache,
  meta: ReadMeta,
  promiseName: string,
  page: { offset: number; limit: number },
  limits = TARGETING_KEPT_LIMITS,
): readonly Buffer[] {
  const promise = requirePromise(cache, promiseName);
  const { matchLabels } = squashPromiseScheduling(promise.destinationSelectors);
  const version = [
    cache.generation,
    JSON.stringify(Object.entries(matchLabels).sort()),
    JSON.stringify(promise.destinationSelectors),
    cache.destinations.revision,
    cache.stateStores.revision,
    cache.placementCounts.revision,
    // Same object until a Work's or WorkPlacement's placement changes.
    cache.works.memo('targeting-json-token', () => ({}), PLACEMENT_ASPECT),
    cache.workPlacements.memo(
      'targeting-json-token',
      () => ({}),
      PLACEMENT_ASPECT,
    ),
  ];
  let kept = keptByCache.get(cache);
  if (!kept) keptByCache.set(cache, (kept = { entries: new Map(), bytes: 0 }));
  const key = `${promise.name}\u0000${page.offset}\u0000${page.limit}`;
  let entry = kept.entries.get(key);
  if (!entry || !sameVersion(entry.version, version)) {
    const full: Record<string, unknown> = {
      ...promiseTargeting(cache, meta, promise.name, page),
    };
    // The per-request parts go around the kept body, not in it.
    for (const k of [...Object.keys(meta), 'resourceVersion']) delete full[k];
    const body = JSON.stringify(full);
    entry = {
      version,
      tail: Buffer.from(body === '{}' ? '}' : `,${body.slice(1)}`),
    };
    keep(kept, key, entry, limits);
  }
  const head = JSON.stringify({
    ...meta,
    resourceVersion: promise.resourceVersion,
  });
  // Two chunks, written one after the other: copying the kept megabytes into one buffer per
  // request made every answer a large external allocation, and V8 answers those with full GCs of
  // the whole cache heap (the targeting p95 at 4,000 Destinations, bench/README.md).
  return [Buffer.from(head.slice(0, -1)), entry.tail];
}
