import {
  slimDestination,
  slimPromise,
  slimStateStore,
  slimWork,
  slimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-node/testUtils';
import { MemoryPlatform } from './memoryPlatforms';

const GROUP = '5058f1af8388633f609cadb75a75dc9d';
const NS = 'kratix-platform-system';

/**
 * The seed scenario after its update, as Kratix leaves it: Promise `redis` moved from
 * `env: dev` to `env: prod`; its dependency Work selects prod; the WorkPlacement on dev-1 is
 * labelled misplaced, the one on prod-1 is placed.
 */
export function fillUpdatedScenario(p: MemoryPlatform): void {
  const c = p.cache;
  c.stateStores.upsert(
    slimStateStore({
      kind: 'GitStateStore',
      metadata: { name: 'default', uid: 'uid-store', resourceVersion: '1' },
      spec: { url: 'https://git.example/state.git' },
    }),
  );
  for (const [name, env] of [
    ['dev-1', 'dev'],
    ['prod-1', 'prod'],
  ]) {
    c.destinations.upsert(
      slimDestination({
        metadata: {
          name,
          uid: `uid-${name}`,
          resourceVersion: '1',
          labels: { env },
        },
        spec: {
          path: `destinations/${name}`,
          stateStoreRef: { kind: 'GitStateStore', name: 'default' },
        },
      }),
    );
  }
  c.promises.upsert(
    slimPromise({
      metadata: {
        name: 'redis',
        uid: 'uid-redis',
        resourceVersion: '20',
        generation: 2,
      },
      spec: {
        destinationSelectors: [{ matchLabels: { env: 'prod' } }],
        dependencies: [{ apiVersion: 'v1', kind: 'Namespace' }],
      },
    }),
  );
  c.works.upsert(
    slimWork({
      metadata: {
        name: 'redis-static',
        namespace: NS,
        uid: 'uid-work',
        resourceVersion: '21',
        labels: { 'kratix.io/promise-name': 'redis' },
      },
      spec: {
        promiseName: 'redis',
        workloadGroups: [
          {
            id: GROUP,
            directory: '.',
            destinationSelectors: [
              { matchLabels: { env: 'prod' }, source: 'promise' },
            ],
          },
        ],
      },
    }),
  );
  for (const [dest, misplaced] of [
    ['dev-1', true],
    ['prod-1', false],
  ] as const) {
    c.workPlacements.upsert(
      slimWorkPlacement({
        metadata: {
          name: `redis-static.${dest}-5058f`,
          namespace: NS,
          uid: `uid-wp-${dest}`,
          resourceVersion: '22',
          generation: 1,
          labels: {
            'kratix.io/work': 'redis-static',
            'kratix.io/workload-group-id': GROUP,
            'kratix.io/targetDestinationName': dest,
            ...(misplaced ? { 'kratix.io/misplaced': 'true' } : {}),
          },
          finalizers: ['finalizers.workplacement.kratix.io/repo-cleanup'],
        },
        spec: { promiseName: 'redis', targetDestinationName: dest },
      }),
    );
  }
}
