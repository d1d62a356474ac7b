import {
  memoryCache,
  slimDestination,
  slimStateStore,
} from '@kratix-backstage/plugin-kratix-node/testUtils';
import { destinationIndexOf } from './destinationIndex';

const destination = (
  name: string,
  labels: Record<string, string>,
  path = name,
) =>
  slimDestination({
    kind: 'Destination',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', labels },
    spec: { path, stateStoreRef: { kind: 'GitStateStore', name: 'local' } },
  });

function cacheWith(...destinations: ReturnType<typeof destination>[]) {
  const cache = memoryCache();
  cache.stateStores.upsert(
    slimStateStore({
      kind: 'GitStateStore',
      metadata: { name: 'local', uid: 'uid-local', resourceVersion: '1' },
      spec: { url: 'file:///x' },
    }),
  );
  for (const d of destinations) cache.destinations.upsert(d);
  return cache;
}

describe('destinationIndexOf', () => {
  it('finds the Destinations that share a file root, and only those', () => {
    // Kratix joins paths like filepath.Join: "." and "/" are the store's root.
    const cache = cacheWith(
      destination('a', { env: 'dev' }, '.'),
      destination('b', { env: 'prod' }, '/'),
      destination('c', { env: 'prod' }, 'c'),
    );
    const index = destinationIndexOf(cache);
    // A cache that has not seen the manager yet answers for current Kratix.
    expect(cache.generation).toBe('current');
    expect(index.sharingFilesWith('a')).toEqual(['b']);
    expect(index.sharingFilesWith('b')).toEqual(['a']);
    expect(index.sharingFilesWith('c')).toEqual([]);
    expect(index.sharingFilesWith('missing')).toEqual([]);
  });

  it('answers which Destinations a selector matches, sorted', () => {
    const cache = cacheWith(
      destination('p2', { env: 'prod' }),
      destination('p1', { env: 'prod', zone: 'eu' }),
      destination('d1', { env: 'dev' }),
    );
    const index = destinationIndexOf(cache);
    expect(index.matching({ env: 'prod' })).toEqual(['p1', 'p2']);
    expect(index.matching({ zone: 'eu', env: 'prod' })).toEqual(['p1']);
    expect(index.matching({ env: 'none' })).toEqual([]);
  });

  it('is kept while the Destinations are unchanged and rebuilt when one changes', () => {
    const cache = cacheWith(destination('p1', { env: 'prod' }));
    const first = destinationIndexOf(cache);
    expect(destinationIndexOf(cache)).toBe(first);
    expect(first.matching({ env: 'prod' })).toEqual(['p1']);

    cache.destinations.upsert(destination('p2', { env: 'prod' }));
    const second = destinationIndexOf(cache);
    expect(second).not.toBe(first);
    expect(second.matching({ env: 'prod' })).toEqual(['p1', 'p2']);
    expect(second.destinations.map(d => d.name).sort()).toEqual(['p1', 'p2']);
  });
});
