import {
  SlimDestination,
  SlimWork,
  SlimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-common';
import { workPlacementView } from './workPlacementView';
import { memoryCache } from '@kratix-backstage/plugin-kratix-node/testUtils';

const GROUP = '5058f1af8388633f609cadb75a75dc9d';

const destination = (labels: Record<string, string>): SlimDestination => ({
  name: 'dev-1',
  uid: 'uid-dev-1',
  resourceVersion: String(Math.random()),
  labels,
  strictMatchLabels: false,
  ready: 'Unknown',
});

const work: SlimWork = {
  name: 'redis-deps',
  namespace: 'kratix-platform-system',
  uid: 'uid-work',
  resourceVersion: '1',
  labels: {},
  promiseName: 'redis',
  resourceName: '',
  workloadGroups: [
    {
      id: GROUP,
      directory: '.',
      destinationSelectors: [
        { matchLabels: { env: 'prod' }, source: 'promise' },
      ],
    },
  ],
  conditions: [],
};

const workPlacement = (resourceVersion: string): SlimWorkPlacement => ({
  name: 'redis-deps.dev-1-5058f',
  namespace: 'kratix-platform-system',
  uid: 'uid-wp',
  resourceVersion,
  labels: { 'kratix.io/work': work.name, 'kratix.io/misscheduled': 'true' },
  workName: work.name,
  workloadGroupId: GROUP,
  promiseName: 'redis',
  resourceName: '',
  targetDestinationName: 'dev-1',
  conditions: [],
  finalizers: [],
});

/** A cache filled by hand (never started), as the reflectors would fill it. */
function cacheWith(wp: SlimWorkPlacement) {
  const cache = memoryCache();
  cache.works.upsert(work);
  cache.destinations.upsert(destination({ env: 'dev' }));
  cache.workPlacements.upsert(wp);
  return cache;
}

describe('workPlacementView', () => {
  it('builds a view once and shares it (frozen) while nothing it depends on changed', () => {
    const wp = workPlacement('1');
    const cache = cacheWith(wp);
    const first = workPlacementView(cache, wp);
    expect(first).toMatchObject({
      misplaced: true,
      destinationStillMatches: false,
      destinationExists: true,
    });
    expect(workPlacementView(cache, wp)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('builds a new view when the WorkPlacement, its Destination or its Work changed', () => {
    const wp = workPlacement('1');
    const cache = cacheWith(wp);
    const first = workPlacementView(cache, wp);

    cache.destinations.upsert(destination({ env: 'prod' })); // relabelled: selected again
    const relabelled = workPlacementView(cache, wp);
    expect(relabelled).not.toBe(first);
    expect(relabelled).toMatchObject({
      destinationStillMatches: true,
      labelIsStale: true,
    });

    cache.works.upsert({
      ...work,
      workloadGroups: [
        {
          ...work.workloadGroups[0],
          destinationSelectors: [
            { matchLabels: { env: 'qa' }, source: 'promise' },
          ],
        },
      ],
    });
    expect(workPlacementView(cache, wp)).toMatchObject({
      destinationStillMatches: false,
    });

    cache.works.remove(work);
    expect(workPlacementView(cache, wp)).toMatchObject({
      destinationStillMatches: null,
    });

    const updated = workPlacement('2');
    cache.workPlacements.upsert(updated);
    expect(workPlacementView(cache, updated)).toMatchObject({
      resourceVersion: '2',
    });
  });

  it('marks a WorkPlacement Kratix created again after a cleanup deleted one of its name', () => {
    const wp = workPlacement('1');
    const cache = cacheWith(wp);
    expect(
      workPlacementView(cache, wp).recreatedAfterCleanupAt,
    ).toBeUndefined();
    // The cleanup deleted this very object: a view of it is not "re-created".
    cache.recordCleanupDeletion(wp.namespace, wp.name, wp.uid);
    expect(
      workPlacementView(cache, wp).recreatedAfterCleanupAt,
    ).toBeUndefined();
    // Kratix's scheduler created it again: same name, new uid.
    const again = { ...workPlacement('7'), uid: 'uid-wp-again' };
    cache.workPlacements.upsert(again);
    expect(workPlacementView(cache, again).recreatedAfterCleanupAt).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );
  });
});
