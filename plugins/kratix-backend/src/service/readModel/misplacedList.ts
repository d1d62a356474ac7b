import { MisplacedListResponse, ReadMeta, SlimWorkPlacement, WorkPlacementView } from '@kratix-backstage/plugin-kratix-common';
import { PlatformCache } from '@kratix-backstage/plugin-kratix-node';
import { workPlacementView } from './workPlacementView';

export interface MisplacedQuery {
  promise?: string;
  destination?: string;
  namespace?: string;
  kind?: 'dependency' | 'resource';
  /** Filter on whether the Destination still matches today. */
  stillMatches?: boolean;
  destinationExists?: boolean;
  /** `current` = kratix.io/misplaced, `legacy` = kratix.io/misscheduled. */
  label?: 'current' | 'legacy';
  /** Substring of the WorkPlacement, Work or resource name. */
  search?: string;
  sort: 'age' | 'name';
  offset: number;
  limit: number;
}

function candidates(cache: PlatformCache, q: MisplacedQuery): SlimWorkPlacement[] {
  // Start from the narrowest index.
  if (q.promise) return cache.workPlacements.byIndex('misplacedByPromise', q.promise);
  if (q.destination) return cache.workPlacements.byIndex('misplacedByDestination', q.destination);
  return cache.workPlacements.byIndex('misplaced', 'true');
}

function keep(v: WorkPlacementView, q: MisplacedQuery): boolean {
  if (q.destination && v.destination !== q.destination) return false;
  if (q.namespace && v.namespace !== q.namespace) return false;
  if (q.kind && v.kind !== q.kind) return false;
  if (q.stillMatches !== undefined && v.destinationStillMatches !== q.stillMatches) return false;
  if (q.destinationExists !== undefined && v.destinationExists !== q.destinationExists) return false;
  if (q.label === 'current' && v.misplacedLabel !== 'kratix.io/misplaced') return false;
  if (q.label === 'legacy' && v.misplacedLabel !== 'kratix.io/misscheduled') return false;
  if (q.search) {
    const s = q.search.toLowerCase();
    const hay = `${v.name} ${v.workName ?? ''} ${v.resourceName}`.toLowerCase();
    if (!hay.includes(s)) return false;
  }
  return true;
}

/** Misplaced WorkPlacements (current and legacy label), filtered, sorted and paginated on the server. */
export function misplacedList(
  cache: PlatformCache,
  meta: ReadMeta,
  q: MisplacedQuery,
): MisplacedListResponse {
  const views = candidates(cache, q)
    .map(wp => workPlacementView(cache, wp))
    .filter(v => keep(v, q));
  if (q.sort === 'age') {
    // Oldest misplacement first; unknown times last; then by name for a stable order.
    views.sort(
      (a, b) =>
        (a.misplacedSince ?? '\uffff').localeCompare(b.misplacedSince ?? '\uffff') ||
        a.namespace.localeCompare(b.namespace) ||
        a.name.localeCompare(b.name),
    );
  } else {
    views.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  }
  return {
    ...meta,
    items: views.slice(q.offset, q.offset + q.limit),
    total: views.length,
    offset: q.offset,
    limit: q.limit,
  };
}
