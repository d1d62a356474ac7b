import { mockServices } from '@backstage/backend-test-utils';
import {
  Platform,
  PlatformCache,
  slimDestination,
  slimPromise,
  slimStateStore,
  slimWork,
  slimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-node';
import { cleanupWorkPlacements } from './cleanup';

const NS = 'kratix-platform-system';
const GROUP = '5058f1af8388633f609cadb75a75dc9d';
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, uid: `uid-${name}`, resourceVersion: '1', ...extra });

const promise = (generation: number, env: string) => ({
  kind: 'Promise',
  metadata: meta('p', { generation }),
  spec: { destinationSelectors: [{ matchLabels: { env } }] },
});
const work = {
  kind: 'Work',
  metadata: meta('p-static-deps-aaaaa', { namespace: NS, labels: { 'kratix.io/promise-name': 'p' } }),
  spec: {
    promiseName: 'p',
    resourceName: '',
    // What Kratix wrote when the Promise selected env=prod.
    workloadGroups: [{ id: GROUP, directory: '.', destinationSelectors: [{ matchLabels: { env: 'prod' }, source: 'promise' }] }],
  },
};
const wp = {
  kind: 'WorkPlacement',
  metadata: meta('p-static-deps-aaaaa.dev-1-5058f', {
    namespace: NS,
    labels: { 'kratix.io/work': work.metadata.name, 'kratix.io/workload-group-id': GROUP, 'kratix.io/misscheduled': 'true' },
  }),
  spec: { targetDestinationName: 'dev-1', promiseName: 'p', resourceName: '', id: GROUP },
};

/**
 * A platform whose cache still has the Promise at generation 1 (env=prod) and the Work Kratix
 * wrote for it, while the apiserver already has `live` (what getPromise answers).
 */
function platformWith(live: any) {
  const deleteWorkPlacement = jest.fn(async () => undefined);
  const client = {
    platform: 'local',
    getPromise: async () => live,
    getWorkPlacement: async () => wp,
    deleteWorkPlacement,
  };
  const cache = new PlatformCache(client as any, mockServices.rootLogger());
  cache.promises.upsert(slimPromise(promise(1, 'prod')));
  cache.works.upsert(slimWork(work));
  cache.workPlacements.upsert(slimWorkPlacement(wp));
  cache.destinations.upsert(
    slimDestination({ kind: 'Destination', metadata: meta('dev-1', { labels: { env: 'dev' } }), spec: { stateStoreRef: { kind: 'GitStateStore', name: 'local' } } }),
  );
  cache.stateStores.upsert(slimStateStore({ kind: 'GitStateStore', metadata: meta('local'), spec: { url: 'file:///x' } }));
  const platform = { config: { name: 'local' }, client, cache } as unknown as Platform;
  return { platform, deleteWorkPlacement, target: cache.workPlacements.all()[0] };
}

const options = {
  force: false,
  dryRun: false,
  concurrency: 1,
  ratePerSecond: 100,
  allowedPromises: new Set(['p']),
  expected: new Map(),
};

describe('cleanupWorkPlacements', () => {
  it('refuses a WorkPlacement whose Promise selects its Destination again before Kratix rewrote the Work', async () => {
    const { platform, deleteWorkPlacement, target } = platformWith(promise(2, 'dev'));
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r => results.push(r));
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: 'Promise p selects Destination dev-1 again (its selectors changed; Kratix has not updated the Work yet)',
      }),
    ]);
    expect(deleteWorkPlacement).not.toHaveBeenCalled();
  });

  it('deletes it while the Promise still selects elsewhere', async () => {
    const { platform, deleteWorkPlacement, target } = platformWith(promise(1, 'prod'));
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r => results.push(r));
    expect(results).toEqual([expect.objectContaining({ outcome: 'deleted' })]);
    expect(deleteWorkPlacement).toHaveBeenCalledTimes(1);
  });
});
