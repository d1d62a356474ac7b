import {
  isMisplaced,
  KratixTestBackend,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';

const destinationsOf = (names: string[]) => [...names].sort().join(',');

/**
 * Waits until the Promise's misplaced WorkPlacements are exactly those on `destinations`, in the
 * cluster and in the backend's cache of platform `local`. A count alone can be met half-way while
 * Kratix works (one Destination's label already removed, another's not yet added).
 */
export async function awaitMisplacedExactlyOn(
  backend: KratixTestBackend,
  promise: string,
  destinations: string[],
): Promise<void> {
  const expected = destinationsOf(destinations);
  await waitFor(
    `${promise} misplaced exactly on ${expected}, in the cluster and the cache`,
    90_000,
    async () => {
      const inCluster = (await workPlacementsOf(promise))
        .filter(isMisplaced)
        .map(wp => wp.spec.targetDestinationName);
      const inCache = backend.registry
        .get('local')
        .cache.workPlacements.byIndex('misplacedByPromise', promise)
        .map(wp => wp.targetDestinationName);
      return (
        destinationsOf(inCluster) === expected &&
        destinationsOf(inCache) === expected
      );
    },
  );
}
