import {
  aDestination,
  aPromise,
  aStateStore,
  aWork,
  aWorkPlacement,
} from '@kratix-backstage/plugin-kratix-common/testUtils';
import {
  PlatformCache,
  memoryCache,
} from '@kratix-backstage/plugin-kratix-node/testUtils';
import { promiseTargeting } from './promiseTargeting';
import {
  keptTargetingAnswers,
  promiseTargetingJson,
} from './promiseTargetingJson';

const meta = { platform: 'local', generation: 'current', stale: false } as any;
const page = { offset: 0, limit: 100 };
/** The answer's chunks as the one document they make together. */
const text = (chunks: readonly Buffer[]) => Buffer.concat(chunks).toString();

function platform() {
  const cache = memoryCache();
  cache.promises.upsert(aPromise('redis', [{ env: 'dev' }]));
  cache.stateStores.upsert(aStateStore());
  cache.destinations.upsert(aDestination('dev-1', { env: 'dev' }));
  cache.destinations.upsert(aDestination('prod-1', { env: 'prod' }));
  const work = aWork('redis-deps', [
    { matchLabels: { env: 'dev' }, source: 'promise' },
  ]);
  cache.works.upsert(work);
  cache.workPlacements.upsert(aWorkPlacement(work, 'dev-1'));
  return { cache, work };
}

/** The kept JSON must always be what a fresh build would answer. */
function expectFresh(cache: PlatformCache) {
  const json = text(promiseTargetingJson(cache, meta, 'redis', page));
  expect(JSON.parse(json)).toEqual(
    JSON.parse(JSON.stringify(promiseTargeting(cache, meta, 'redis', page))),
  );
  return JSON.parse(json);
}

describe('promiseTargetingJson', () => {
  it('answers what promiseTargeting builds, with the per-request meta and resourceVersion', () => {
    const { cache } = platform();
    const first = expectFresh(cache);
    expect(first.destinations.map((d: any) => [d.name, d.matched])).toEqual([
      ['dev-1', true],
      ['prod-1', false],
    ]);
    const stale = {
      ...meta,
      stale: true,
      staleSince: '2026-12-05T00:00:00Z',
    };
    const again = JSON.parse(
      text(promiseTargetingJson(cache, stale, 'redis', page)),
    );
    expect(again.stale).toBe(true);
    expect(again.staleSince).toBe('2026-12-05T00:00:00Z');
    expect(again.destinations).toEqual(first.destinations);
  });

  it('is never stale after a change of anything it reads', () => {
    const { cache, work } = platform();
    expectFresh(cache);
    // A Destination relabelled: now matched.
    cache.destinations.upsert(
      aDestination('prod-1', { env: 'dev' }, { resourceVersion: '2' }),
    );
    expect(
      expectFresh(cache).destinations.find((d: any) => d.name === 'prod-1')
        .matched,
    ).toBe(true);
    // A new WorkPlacement: counts and placedOn.
    cache.workPlacements.upsert(aWorkPlacement(work, 'prod-1'));
    const placed = expectFresh(cache);
    expect(placed.workloadGroups[0].placedOn).toEqual(['dev-1', 'prod-1']);
    // Marked misplaced by Kratix (a label).
    cache.workPlacements.upsert(
      aWorkPlacement(work, 'prod-1', {
        resourceVersion: '8',
        labels: {
          'kratix.io/work': work.name,
          'kratix.io/targetDestinationName': 'prod-1',
          'kratix.io/misplaced': 'true',
        },
      }),
    );
    expect(
      expectFresh(cache).destinations.find((d: any) => d.name === 'prod-1')
        .misplaced,
    ).toBe(1);
    // A status-only write of the WorkPlacement keeps everything but is still answered right.
    cache.workPlacements.upsert(
      aWorkPlacement(work, 'dev-1', {
        resourceVersion: '9',
        conditions: [{ type: 'Ready', status: 'True' } as any],
      }),
    );
    expectFresh(cache);
    // The state store not ready.
    cache.stateStores.upsert(
      aStateStore({ ready: 'False', resourceVersion: '2' }),
    );
    expect(expectFresh(cache).destinations[0].stateStore.ready).toBe('False');
    // The Promise's selectors changed; and its status-only write moves only resourceVersion.
    cache.promises.upsert(
      aPromise('redis', [{ env: 'prod' }], {
        resourceVersion: '3',
        generation: 2,
      }),
    );
    expect(
      expectFresh(cache)
        .destinations.filter((d: any) => d.matched)
        .map((d: any) => d.name),
    ).toEqual([]);
    cache.promises.upsert(
      aPromise('redis', [{ env: 'prod' }], {
        resourceVersion: '4',
        generation: 2,
      }),
    );
    expect(expectFresh(cache).resourceVersion).toBe('4');
  });

  it('keeps one answer per page', () => {
    const { cache } = platform();
    const none = JSON.parse(
      text(
        promiseTargetingJson(cache, meta, 'redis', {
          offset: 1,
          limit: 10,
        }),
      ),
    );
    expect(none.workloadGroups).toEqual([]);
    expect(expectFresh(cache).workloadGroups).toHaveLength(1);
  });

  it('keeps answers within a byte budget, oldest dropped first, and serves one larger than it unkept', () => {
    const { cache } = platform();
    const pageOf = (offset: number) => ({ offset, limit: 10 });
    // Pages past the only group: equal answers, each kept as the same number of bytes.
    promiseTargetingJson(cache, meta, 'redis', pageOf(1));
    const one = keptTargetingAnswers(cache).bytes;
    const limits = { entries: 100, bytes: one * 2.5 };
    for (const offset of [2, 3, 4, 5])
      promiseTargetingJson(cache, meta, 'redis', pageOf(offset), limits);
    const kept = keptTargetingAnswers(cache);
    expect(kept.entries).toBe(2);
    expect(kept.bytes).toBeLessThanOrEqual(limits.bytes);
    // Still right for every page, kept or dropped.
    expect(
      JSON.parse(
        text(promiseTargetingJson(cache, meta, 'redis', pageOf(0), limits)),
      ).workloadGroups,
    ).toHaveLength(1);

    const before = keptTargetingAnswers(cache);
    const tiny = { entries: 100, bytes: 10 };
    const answer = promiseTargetingJson(cache, meta, 'redis', page, tiny);
    expect(JSON.parse(text(answer)).destinations).toHaveLength(2);
    expect(keptTargetingAnswers(cache)).toEqual(before);
  });

  it('answers 404 for a Promise the cache does not hold', () => {
    const { cache } = platform();
    expect(() => promiseTargetingJson(cache, meta, 'nope', page)).toThrow(
      /nope/,
    );
  });
});
