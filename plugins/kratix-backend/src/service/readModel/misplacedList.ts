import {
  MisplacedFilters,
  MisplacedListResponse,
  ReadMeta,
  SlimWorkPlacement,
  WorkPlacementView,
  compareCodeUnits,
  isResourceWorkload,
  misplacedConditionSince,
  misplacementLabelOf,
} from '@kratix-backstage/plugin-kratix-common';
import {
  PLACEMENT_ASPECT,
  KratixPlatformCache,
  nsKey,
} from '@kratix-backstage/plugin-kratix-node';
import { workPlacementView } from './workPlacementView';

/** The list query after validation: sort, offset and limit are always set. */
export type MisplacedQuery = MisplacedFilters &
  Required<Pick<MisplacedFilters, 'sort' | 'offset' | 'limit'>>;

/** The narrowest index for the query: [index name, value]. */
function candidateIndex(q: MisplacedQuery): [string, string] {
  if (q.promise) return ['misplacedByPromise', q.promise];
  if (q.destination) return ['misplacedByDestination', q.destination];
  return ['misplaced', 'true'];
}

function keep(v: WorkPlacementView, q: MisplacedQuery): boolean {
  if (q.destination && v.destination !== q.destination) return false;
  if (q.namespace && v.namespace !== q.namespace) return false;
  if (q.kind && v.kind !== q.kind) return false;
  if (
    q.stillMatches !== undefined &&
    v.destinationStillMatches !== q.stillMatches
  )
    return false;
  if (
    q.destinationExists !== undefined &&
    v.destinationExists !== q.destinationExists
  )
    return false;
  if (q.label === 'current' && v.misplacedLabel !== 'kratix.io/misplaced')
    return false;
  if (q.label === 'legacy' && v.misplacedLabel !== 'kratix.io/misscheduled')
    return false;
  if (q.search) {
    const s = q.search.toLowerCase();
    const hay = `${v.name} ${v.workName ?? ''} ${v.resourceName}`.toLowerCase();
    if (!hay.includes(s)) return false;
  }
  return true;
}

const cmp = compareCodeUnits;

/** When the WorkPlacement was marked misplaced: what its view's `misplacedSince` says. */
const sinceOf = (cache: KratixPlatformCache, wp: SlimWorkPlacement) =>
  misplacedConditionSince(wp.conditions) ??
  cache.misplacedObservedSince(wp.namespace, wp.name);

/** Filters that need the assessment against the Work and Destination (the full view). */
const needsViews = (q: MisplacedQuery) =>
  q.stillMatches !== undefined || q.destinationExists !== undefined;

/** The filters a WorkPlacement answers by itself (same tests as `keep`, on the cached object). */
function keepWorkPlacement(wp: SlimWorkPlacement, q: MisplacedQuery): boolean {
  if (q.destination && wp.targetDestinationName !== q.destination) return false;
  if (q.namespace && wp.namespace !== q.namespace) return false;
  if (q.kind && (isResourceWorkload(wp) ? 'resource' : 'dependency') !== q.kind)
    return false;
  const label = misplacementLabelOf(wp.labels);
  if (q.label === 'current' && label !== 'kratix.io/misplaced') return false;
  if (q.label === 'legacy' && label !== 'kratix.io/misscheduled') return false;
  if (q.search) {
    const hay = `${wp.name} ${wp.workName ?? ''} ${
      wp.resourceName
    }`.toLowerCase();
    if (!hay.includes(q.search.toLowerCase())) return false;
  }
  return true;
}

interface Keyed {
  key: string;
  /** The WorkPlacement's store key, to read its current version (the memo outlives status writes). */
  id: string;
  wp: SlimWorkPlacement;
}

/**
 * One key per WorkPlacement: by age, oldest misplacement first, unknown times last; then by
 * namespace and name for a stable order. NUL separates the parts (no part contains it), so
 * comparing keys compares the parts in turn. The sorted candidates are kept until a WorkPlacement's
 * placement changes (PLACEMENT_ASPECT: everything the filters and the sort read); status-only
 * writes, which Kratix makes all the time, keep them.
 */
function sortedCandidates(
  cache: KratixPlatformCache,
  q: MisplacedQuery,
): Keyed[] {
  const [index, value] = candidateIndex(q);
  return cache.workPlacements.memo(
    `misplaced-sorted\u0000${index}\u0000${value}\u0000${q.sort}`,
    () => {
      const keyed = cache.workPlacements.byIndex(index, value).map(wp => ({
        key: `${
          q.sort === 'age' ? `${sinceOf(cache, wp) ?? '\uffff'}\u0000` : ''
        }${wp.namespace}\u0000${wp.name}`,
        id: nsKey(wp.namespace, wp.name),
        wp,
      }));
      keyed.sort((a, b) => cmp(a.key, b.key));
      return keyed;
    },
    PLACEMENT_ASPECT,
  );
}

/** The cached WorkPlacement as it is now (its status may be newer than the memo's copy). */
const current = (cache: KratixPlatformCache, k: Keyed) =>
  cache.workPlacements.get(k.id) ?? k.wp;

/**
 * Misplaced WorkPlacements (current and legacy label), filtered, sorted and paginated on the server.
 * Views (joined with Work and Destination) are built only for the returned page unless a filter
 * needs them; the sorted candidates are reused while no WorkPlacement changed. At 5,000 misplaced
 * these were most of the cost of a request (bench/README.md).
 */
export function misplacedList(
  cache: KratixPlatformCache,
  meta: ReadMeta,
  q: MisplacedQuery,
): MisplacedListResponse {
  let keyed = sortedCandidates(cache, q).filter(k =>
    keepWorkPlacement(k.wp, q),
  );
  if (needsViews(q))
    keyed = keyed.filter(k =>
      keep(workPlacementView(cache, current(cache, k)), q),
    );
  return {
    ...meta,
    items: keyed
      .slice(q.offset, q.offset + q.limit)
      .map(k => workPlacementView(cache, current(cache, k))),
    total: keyed.length,
    offset: q.offset,
    limit: q.limit,
  };
}
