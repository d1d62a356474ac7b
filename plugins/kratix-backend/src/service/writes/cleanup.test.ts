import { mockServices } from '@backstage/backend-test-utils';
import { cleanupWorkPlacements } from './cleanup';
import {
  CachedPlatform,
  PlatformCache,
  slimDestination,
  slimPromise,
  slimStateStore,
  slimWork,
  slimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-node/testUtils';

const NS = 'kratix-platform-system';
const GROUP = '5058f1af8388633f609cadb75a75dc9d';
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  uid: `uid-${name}`,
  resourceVersion: '1',
  ...extra,
});

const promise = (generation: number, env: string) => ({
  kind: 'Promise',
  metadata: meta('p', { generation }),
  spec: { destinationSelectors: [{ matchLabels: { env } }] },
});
const work = {
  kind: 'Work',
  metadata: meta('p-static-deps-aaaaa', {
    namespace: NS,
    labels: { 'kratix.io/promise-name': 'p' },
  }),
  spec: {
    promiseName: 'p',
    resourceName: '',
    // What Kratix wrote when the Promise selected env=prod.
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
};
const wp = {
  kind: 'WorkPlacement',
  metadata: meta('p-static-deps-aaaaa.dev-1-5058f', {
    namespace: NS,
    labels: {
      'kratix.io/work': work.metadata.name,
      'kratix.io/workload-group-id': GROUP,
      'kratix.io/misscheduled': 'true',
    },
  }),
  spec: {
    targetDestinationName: 'dev-1',
    promiseName: 'p',
    resourceName: '',
    id: GROUP,
  },
};

/**
 * A platform whose cache still has the Promise at generation 1 (env=prod) and the Work Kratix
 * wrote for it, while the apiserver already has `live` (what getPromise answers).
 */
function platformWith(live: any, liveWorkPlacement: any = wp) {
  const deleteWorkPlacement = jest.fn(async (..._args: any[]) => undefined);
  const getWorkPlacement = jest.fn(async () => liveWorkPlacement);
  const client = {
    platform: 'local',
    getPromise: async () => live,
    getWorkPlacement,
    deleteWorkPlacement,
  };
  const cache = new PlatformCache(client as any, mockServices.rootLogger());
  cache.promises.upsert(slimPromise(promise(1, 'prod')));
  cache.works.upsert(slimWork(work));
  cache.workPlacements.upsert(slimWorkPlacement(wp));
  cache.destinations.upsert(
    slimDestination({
      kind: 'Destination',
      metadata: meta('dev-1', { labels: { env: 'dev' } }),
      spec: { stateStoreRef: { kind: 'GitStateStore', name: 'local' } },
    }),
  );
  cache.stateStores.upsert(
    slimStateStore({
      kind: 'GitStateStore',
      metadata: meta('local'),
      spec: { url: 'file:///x' },
    }),
  );
  const platform = {
    config: { name: 'local' },
    client,
    cache,
  } as unknown as CachedPlatform;
  return {
    platform,
    deleteWorkPlacement,
    getWorkPlacement,
    target: cache.workPlacements.all()[0],
  };
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
    const { platform, deleteWorkPlacement, target } = platformWith(
      promise(2, 'dev'),
    );
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r =>
      results.push(r),
    );
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason:
          'Promise p selects Destination dev-1 again (its selectors changed; Kratix has not updated the Work yet)',
      }),
    ]);
    expect(deleteWorkPlacement).not.toHaveBeenCalled();
  });

  it('deletes it while the Promise still selects elsewhere, with the checked version as precondition', async () => {
    const { platform, deleteWorkPlacement, getWorkPlacement, target } =
      platformWith(promise(1, 'prod'));
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r =>
      results.push(r),
    );
    expect(results).toEqual([expect.objectContaining({ outcome: 'deleted' })]);
    expect(deleteWorkPlacement).toHaveBeenCalledTimes(1);
    expect(deleteWorkPlacement.mock.calls[0].slice(0, 3)).toEqual([
      NS,
      wp.metadata.name,
      { uid: wp.metadata.uid, resourceVersion: '1' },
    ]);
    // The cached version was checked and is the precondition: no extra GET.
    expect(getWorkPlacement).not.toHaveBeenCalled();
  });

  it('re-reads and re-checks when the apiserver has a newer version than the cache (409)', async () => {
    const { 'kratix.io/misscheduled': _dropped, ...kept } = (wp.metadata as any)
      .labels as Record<string, string>;
    const unmarked = {
      ...wp,
      metadata: { ...wp.metadata, resourceVersion: '2', labels: kept },
    };
    const { platform, deleteWorkPlacement, getWorkPlacement, target } =
      platformWith(promise(1, 'prod'), unmarked);
    deleteWorkPlacement.mockImplementationOnce(async () => {
      throw Object.assign(new Error('the object has been modified'), {
        name: 'ConflictError',
      });
    });
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r =>
      results.push(r),
    );
    expect(getWorkPlacement).toHaveBeenCalledTimes(1);
    expect(deleteWorkPlacement).toHaveBeenCalledTimes(1);
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: expect.stringMatching(/^not misplaced/),
      }),
    ]);
  });

  it('re-reads before refusing when the cache says "not misplaced" but may lag behind Kratix', async () => {
    const { 'kratix.io/misscheduled': _dropped, ...kept } = (wp.metadata as any)
      .labels as Record<string, string>;
    const marked = {
      ...wp,
      metadata: { ...wp.metadata, resourceVersion: '3' },
    };
    const { platform, deleteWorkPlacement, getWorkPlacement } = platformWith(
      promise(1, 'prod'),
      marked,
    );
    // The cache has not yet seen Kratix's label write.
    platform.cache.workPlacements.upsert(
      slimWorkPlacement({ ...wp, metadata: { ...wp.metadata, labels: kept } }),
    );
    const target = platform.cache.workPlacements.all()[0];
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r =>
      results.push(r),
    );
    expect(getWorkPlacement).toHaveBeenCalledTimes(1);
    expect(deleteWorkPlacement).toHaveBeenCalledTimes(1);
    expect(deleteWorkPlacement.mock.calls[0][2]).toEqual({
      uid: wp.metadata.uid,
      resourceVersion: '3',
    });
    expect(results).toEqual([expect.objectContaining({ outcome: 'deleted' })]);
  });

  it('refuses, after the re-read, a WorkPlacement that is not misplaced in the apiserver either', async () => {
    const { 'kratix.io/misscheduled': _dropped, ...kept } = (wp.metadata as any)
      .labels as Record<string, string>;
    const unmarked = { ...wp, metadata: { ...wp.metadata, labels: kept } };
    const { platform, deleteWorkPlacement, getWorkPlacement } = platformWith(
      promise(1, 'prod'),
      unmarked,
    );
    platform.cache.workPlacements.upsert(slimWorkPlacement(unmarked));
    const target = platform.cache.workPlacements.all()[0];
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r =>
      results.push(r),
    );
    expect(getWorkPlacement).toHaveBeenCalledTimes(1);
    expect(deleteWorkPlacement).not.toHaveBeenCalled();
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: expect.stringMatching(/^not misplaced/),
      }),
    ]);
  });

  it('deletes the newer version when it still passes every check', async () => {
    const touched = {
      ...wp,
      metadata: { ...wp.metadata, resourceVersion: '7' },
    };
    const { platform, deleteWorkPlacement, getWorkPlacement, target } =
      platformWith(promise(1, 'prod'), touched);
    deleteWorkPlacement.mockImplementationOnce(async () => {
      throw Object.assign(new Error('the object has been modified'), {
        name: 'ConflictError',
      });
    });
    const results: any[] = [];
    await cleanupWorkPlacements(platform, [target], options, r =>
      results.push(r),
    );
    expect(getWorkPlacement).toHaveBeenCalledTimes(1);
    expect(deleteWorkPlacement).toHaveBeenCalledTimes(2);
    expect(deleteWorkPlacement.mock.calls[1][2]).toEqual({
      uid: wp.metadata.uid,
      resourceVersion: '7',
    });
    expect(results).toEqual([expect.objectContaining({ outcome: 'deleted' })]);
  });
});
