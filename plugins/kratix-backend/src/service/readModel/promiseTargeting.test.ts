import { promiseTargeting } from './promiseTargeting';
import {
  memoryCache,
  slimDestination,
  slimPromise,
  slimWork,
} from '@kratix-backstage/plugin-kratix-node/testUtils';

const meta = { platform: 'local', generation: 'current', stale: false } as any;

const work = (namespace: string, name: string, directories: string[]) =>
  slimWork({
    kind: 'Work',
    metadata: {
      namespace,
      name,
      uid: `uid-${name}`,
      resourceVersion: '1',
      labels: { 'kratix.io/promise-name': 'p' },
    },
    spec: {
      promiseName: 'p',
      resourceName: name.startsWith('res') ? name : '',
      workloadGroups: directories.map(d => ({
        id: `${name}-${d}`,
        directory: d,
        destinationSelectors: [
          {
            matchLabels: { env: d === 'prod' ? 'prod' : 'dev' },
            source: 'promise',
          },
        ],
      })),
    },
  });

function cacheWithWorks() {
  const cache = memoryCache();
  cache.promises.upsert(
    slimPromise({
      kind: 'Promise',
      metadata: { name: 'p', uid: 'u', resourceVersion: '1', generation: 1 },
      spec: {},
    }),
  );
  for (const [name, env] of [
    ['dev-1', 'dev'],
    ['prod-1', 'prod'],
  ]) {
    cache.destinations.upsert(
      slimDestination({
        kind: 'Destination',
        metadata: { name, uid: name, resourceVersion: '1', labels: { env } },
        spec: {},
      }),
    );
  }
  // Inserted out of order: the page order is namespace, Work name, directory.
  cache.works.upsert(work('team-b', 'res-a', ['prod', '.']));
  cache.works.upsert(work('kratix-platform-system', 'p-static-deps', ['.']));
  cache.works.upsert(work('team-a', 'res-z', ['.', 'extra', 'prod']));
  return cache;
}

const ids = (r: ReturnType<typeof promiseTargeting>) =>
  r.workloadGroups.map(g => g.groupId);

describe('promiseTargeting workload group pages', () => {
  const all = [
    'p-static-deps-.',
    'res-z-.',
    'res-z-extra',
    'res-z-prod',
    'res-a-.',
    'res-a-prod',
  ];

  it('returns every group in order when the page is large enough', () => {
    const r = promiseTargeting(cacheWithWorks(), meta, 'p', {
      offset: 0,
      limit: 100,
    });
    expect(ids(r)).toEqual(all);
    expect(r.workloadGroupsTotal).toBe(6);
    expect(
      r.workloadGroups.find(g => g.groupId === 'res-a-prod')?.matching,
    ).toEqual(['prod-1']);
  });

  it.each([
    [0, 2],
    [1, 3],
    [2, 2],
    [3, 10],
    [5, 1],
  ])('pages across Works: offset %i, limit %i', (offset, limit) => {
    const r = promiseTargeting(cacheWithWorks(), meta, 'p', { offset, limit });
    expect(ids(r)).toEqual(all.slice(offset, offset + limit));
    expect(r.workloadGroupsTotal).toBe(6);
    expect(r.workloadGroupsOffset).toBe(offset);
    expect(r.workloadGroupsLimit).toBe(limit);
  });

  it('answers an empty page past the end, with the total', () => {
    const r = promiseTargeting(cacheWithWorks(), meta, 'p', {
      offset: 6,
      limit: 10,
    });
    expect(r.workloadGroups).toEqual([]);
    expect(r.workloadGroupsTotal).toBe(6);
    expect(r.destinations.map(d => [d.name, d.workPlacements])).toEqual([
      ['dev-1', 0],
      ['prod-1', 0],
    ]);
  });

  it('sees Works added or removed since the previous read (its sorted order is reused only until the store changes)', () => {
    const cache = cacheWithWorks();
    expect(promiseTargeting(cache, meta, 'p').workloadGroupsTotal).toBe(6);
    const added = work('team-a', 'res-b', ['.']);
    cache.works.upsert(added);
    const after = promiseTargeting(cache, meta, 'p');
    expect(after.workloadGroupsTotal).toBe(7);
    expect(ids(after)).toEqual([
      'p-static-deps-.',
      'res-b-.',
      'res-z-.',
      'res-z-extra',
      'res-z-prod',
      'res-a-.',
      'res-a-prod',
    ]);
    cache.works.remove(added);
    expect(ids(promiseTargeting(cache, meta, 'p'))).toEqual(all);
  });

  it('sees a relabelled Destination (matches are reused only until the Destination store changes)', () => {
    const cache = cacheWithWorks();
    cache.promises.upsert(
      slimPromise({
        kind: 'Promise',
        metadata: { name: 'p', uid: 'u', resourceVersion: '2', generation: 2 },
        spec: { destinationSelectors: [{ matchLabels: { env: 'prod' } }] },
      }),
    );
    const targeted = () =>
      promiseTargeting(cache, meta, 'p')
        .destinations.filter(d => d.matched)
        .map(d => d.name);
    expect(targeted()).toEqual(['prod-1']);
    cache.destinations.upsert(
      slimDestination({
        kind: 'Destination',
        metadata: {
          name: 'dev-1',
          uid: 'dev-1',
          resourceVersion: '2',
          labels: { env: 'prod' },
        },
        spec: {},
      }),
    );
    expect(targeted()).toEqual(['dev-1', 'prod-1']);
  });
});
