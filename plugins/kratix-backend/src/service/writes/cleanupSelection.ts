import { InputError } from '@backstage/errors';
import {
  CleanupPreflightItem,
  CleanupSelection,
  SlimWorkPlacement,
  TARGET_DESTINATION_LABEL,
  compareNamespacedNames,
  deletionPreflight,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KratixPlatformCache,
  nsKey,
} from '@kratix-backstage/plugin-kratix-node';
import { destinationIndexOf } from '../readModel/destinationIndex';

/** Largest number of WorkPlacements one request may name or select. */
export const MAX_CLEANUP_ITEMS = 10_000;

export interface ResolvedSelection {
  found: SlimWorkPlacement[];
  notFound: Array<{ namespace: string; name: string }>;
}

/**
 * The WorkPlacements a request is about: exactly the named items, or — with `all: true` — the
 * misplaced ones of the given Promise and/or Destination (everything misplaced when neither).
 * Never anything else.
 */
export function resolveSelection(
  cache: KratixPlatformCache,
  s: CleanupSelection,
): ResolvedSelection {
  if (s.items && s.all)
    throw new InputError('send either items or all: true, not both');
  if (s.items) {
    const found: SlimWorkPlacement[] = [];
    const notFound: ResolvedSelection['notFound'] = [];
    const seen = new Set<string>();
    for (const item of s.items) {
      const key = nsKey(item.namespace, item.name);
      if (seen.has(key)) continue;
      seen.add(key);
      const wp = cache.workPlacements.get(key);
      if (wp) found.push(wp);
      else notFound.push({ namespace: item.namespace, name: item.name });
    }
    return { found, notFound };
  }
  if (!s.all)
    throw new InputError(
      'send items, or all: true with an optional promise/destination',
    );
  let found = s.promise
    ? cache.workPlacements.byIndex('misplacedByPromise', s.promise)
    : cache.workPlacements.byIndex('misplaced', 'true');
  if (s.destination)
    found = found.filter(wp => wp.targetDestinationName === s.destination);
  found.sort(compareNamespacedNames);
  if (found.length > MAX_CLEANUP_ITEMS) {
    throw new InputError(
      `the selection has ${found.length} WorkPlacements; at most ${MAX_CLEANUP_ITEMS} per request`,
    );
  }
  return { found, notFound: [] };
}

/** What deleting each WorkPlacement would do, from the cache and Kratix's deletion rules. */
export function preflightOf(
  cache: KratixPlatformCache,
  wp: SlimWorkPlacement,
): CleanupPreflightItem {
  const index = destinationIndexOf(cache);
  const destination = cache.destinations.get(wp.targetDestinationName);
  const stateStore = cache.stateStoreOf(destination);
  // Usually empty: the Destinations whose files are in this one's directory.
  const sharing = destination ? index.sharingFilesWith(destination.name) : [];
  // Siblings matter for resource WorkPlacements (rescheduling) and shared directories; a static
  // dependency Work has one on every Destination it targets, so they are not read otherwise.
  const sameGroup =
    wp.workName && (wp.resourceName || sharing.length > 0)
      ? cache.workPlacements
          .byIndex('work', nsKey(wp.namespace, wp.workName))
          .filter(
            o => o.workloadGroupId === wp.workloadGroupId && o.uid !== wp.uid,
          )
      : [];
  return {
    found: true,
    ...deletionPreflight(wp, {
      work: wp.workName
        ? cache.works.get(nsKey(wp.namespace, wp.workName))
        : undefined,
      destination,
      stateStore,
      destinations: index.destinations,
      matchingDestinations: index.matching,
      groupSiblings: sameGroup,
      sharedDirectoryWorkPlacements: sameGroup.filter(o =>
        sharing.includes(o.targetDestinationName),
      ),
      aggregatedWith:
        destination?.filepathMode === 'aggregatedYAML'
          ? aggregatedWithCount(cache, wp)
          : undefined,
      generation: cache.generation,
    }),
  };
}

/** The other active WorkPlacements Kratix aggregates into the Destination's one file. */
function aggregatedWithCount(
  cache: KratixPlatformCache,
  wp: SlimWorkPlacement,
): number {
  // Kratix lists them by the kratix.io/targetDestinationName label, not by spec.
  return cache.workPlacements
    .byIndex('destination', wp.targetDestinationName)
    .filter(
      o =>
        o.uid !== wp.uid &&
        !o.deletionTimestamp &&
        o.labels[TARGET_DESTINATION_LABEL] === wp.targetDestinationName,
    ).length;
}
