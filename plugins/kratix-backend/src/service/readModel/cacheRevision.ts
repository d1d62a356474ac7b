import { KratixPlatformCache } from '@kratix-backstage/plugin-kratix-node';

/** Tells this backend process apart from a restarted one (its stores count from 0 again). */
const PROCESS_ID = Date.now().toString(36);

/**
 * The revision of a platform's watch cache: changes whenever a Promise, Destination, state store,
 * Work or WorkPlacement changes, or the platform becomes reachable or unreachable. Equal
 * revisions mean equal read answers, so a UI polls this instead of the reads themselves.
 */
export function cacheRevision(cache: KratixPlatformCache): string {
  const s = cache.status();
  return [
    PROCESS_ID,
    cache.promises.revision,
    cache.destinations.revision,
    cache.stateStores.revision,
    cache.works.revision,
    cache.workPlacements.revision,
    s.synced ? 's' : 'u',
    s.connected ? 'c' : 'd',
  ].join('.');
}
