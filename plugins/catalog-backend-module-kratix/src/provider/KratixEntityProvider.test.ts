import { mockServices } from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { EntityContext } from '../entities/buildEntities';
import {
  aDestination,
  aPromise,
  localDestinations,
  memoryCache,
} from '../testing/fixtures';
import { KratixEntityProvider, SyncSignal } from './KratixEntityProvider';
import { PlatformCache } from '@kratix-backstage/plugin-kratix-node/testUtils';

const context: EntityContext = {
  platform: 'local',
  multiPlatform: false,
  ownerAnnotation: 'backstage.io/owner',
  defaultOwner: 'group:default/platform-team',
};

/** A sync signal the test flips by hand. */
function manualSync(initial = false) {
  let synced = initial;
  const listeners = new Set<() => void>();
  const signal: SyncSignal = {
    isSynced: () => synced,
    onChange: l => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    signal,
    set(value: boolean) {
      synced = value;
      listeners.forEach(l => l());
    },
  };
}

function setup(options: { synced?: boolean; cache?: PlatformCache } = {}) {
  const cache = options.cache ?? memoryCache();
  const sync = manualSync(options.synced ?? false);
  const taskRunner = { run: jest.fn() };
  const connection = {
    applyMutation: jest.fn<Promise<void>, [EntityProviderMutation]>(
      async () => {},
    ),
    refresh: jest.fn(),
  } satisfies EntityProviderConnection;
  const provider = new KratixEntityProvider({
    cache,
    context,
    logger: mockServices.logger.mock(),
    taskRunner,
    syncSignal: sync.signal,
    debounceMs: 200,
    maxWaitMs: 2000,
    retryMs: 5000,
  });
  const mutations = () => connection.applyMutation.mock.calls.map(c => c[0]);
  /** Let debounce timers fire and the mutation chain drain. */
  const settle = async (ms = 250) => {
    await jest.advanceTimersByTimeAsync(ms);
    await provider.idle();
  };
  return { cache, sync, taskRunner, connection, provider, mutations, settle };
}

type Delta = Extract<EntityProviderMutation, { type: 'delta' }>;
type Full = Extract<EntityProviderMutation, { type: 'full' }>;

const names = (m: Delta | Full) =>
  (m.type === 'full' ? m.entities : m.added)
    .map(e => `${e.entity.kind}:${e.entity.metadata.name}`)
    .sort();
const dependsOn = (m: Delta | Full, name: string) =>
  (m.type === 'full' ? m.entities : m.added).find(
    e => e.entity.kind === 'Component' && e.entity.metadata.name === name,
  )?.entity.spec?.dependsOn;

function seed(cache: PlatformCache) {
  cache.destinations.replaceAll(localDestinations());
  cache.promises.replaceAll([
    aPromise('dev-only', [{ environment: 'dev' }]),
    aPromise('eu-only', [{ region: 'eu' }]),
    aPromise('prod-only', [{ environment: 'prod' }]),
  ]);
}

describe('KratixEntityProvider', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('has a stable name per platform and schedules its periodic refresh', async () => {
    const { provider, connection, taskRunner } = setup();
    expect(provider.getProviderName()).toBe('kratix-provider:local');
    await provider.connect(connection);
    expect(taskRunner.run).toHaveBeenCalledWith({
      id: 'kratix-provider:local:refresh',
      fn: expect.any(Function),
    });
    provider.close();
  });

  it('applies nothing until the cache has synced, then one full mutation', async () => {
    const { cache, sync, provider, connection, taskRunner, mutations, settle } =
      setup();
    await provider.connect(connection);
    seed(cache);
    // The scheduler's first run comes before the sync: nothing must be emptied.
    await taskRunner.run.mock.calls[0][0].fn();
    await settle(1000);
    expect(connection.applyMutation).not.toHaveBeenCalled();

    sync.set(true);
    await settle(1);
    expect(mutations()).toHaveLength(1);
    const [full] = mutations() as Full[];
    expect(full.type).toBe('full');
    expect(names(full)).toEqual([
      'Component:dev-only',
      'Component:eu-only',
      'Component:prod-only',
      'Resource:dev-1',
      'Resource:dev-2',
      'Resource:prod-1',
    ]);
    expect(
      full.entities.every(e => e.locationKey === 'kratix-platform:local'),
    ).toBe(true);
    expect(dependsOn(full, 'dev-only')).toEqual([
      'resource:default/dev-1',
      'resource:default/dev-2',
    ]);
    expect(dependsOn(full, 'eu-only')).toEqual([
      'resource:default/dev-1',
      'resource:default/prod-1',
    ]);
    expect(dependsOn(full, 'prod-only')).toEqual(['resource:default/prod-1']);
    provider.close();
  });

  it('does the first full mutation at connect when the cache is already synced', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle(1);
    expect(mutations().map(m => m.type)).toEqual(['full']);
    provider.close();
  });

  it('sends a Promise upsert as a delta for that Promise only', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    cache.promises.upsert(
      aPromise('dev-only', [{ environment: 'prod' }], { resourceVersion: '2' }),
    );
    await settle();
    expect(mutations()).toHaveLength(1);
    const [delta] = mutations() as Delta[];
    expect(delta.type).toBe('delta');
    expect(names(delta)).toEqual(['Component:dev-only']);
    expect(dependsOn(delta, 'dev-only')).toEqual(['resource:default/prod-1']);
    expect(delta.removed).toEqual([]);
    provider.close();
  });

  it('debounces a burst of 1,000 changes into one delta', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    for (let i = 0; i < 1000; i++) {
      cache.promises.upsert(
        aPromise(`burst-${i % 100}`, [{ environment: i % 2 ? 'dev' : 'prod' }]),
      );
    }
    await settle();
    expect(mutations()).toHaveLength(1);
    expect((mutations()[0] as Delta).added).toHaveLength(100);
    provider.close();
  });

  it('flushes a steady stream of changes at least every maxWaitMs', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    // A change every 100 ms for 3 s: the 200 ms debounce alone would never fire.
    for (let i = 0; i < 30; i++) {
      cache.promises.upsert(aPromise(`stream-${i}`, []));
      await jest.advanceTimersByTimeAsync(100);
    }
    expect(mutations().length).toBeGreaterThanOrEqual(1);
    await settle();
    const sent = (mutations() as Delta[]).flatMap(m =>
      m.added.map(e => e.entity.metadata.name),
    );
    expect(new Set(sent).size).toBe(30);
    provider.close();
  });

  it('skips changes that do not change the entity (status-only resourceVersion bumps)', async () => {
    const { cache, provider, connection, settle } = setup({ synced: true });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    cache.promises.upsert(
      aPromise('dev-only', [{ environment: 'dev' }], { resourceVersion: '99' }),
    );
    cache.destinations.upsert(
      aDestination(
        'dev-1',
        { environment: 'dev', region: 'eu' },
        { resourceVersion: '99' },
      ),
    );
    await settle();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    provider.close();
  });

  it('removes a deleted Promise with its entityRef and locationKey', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    cache.promises.remove(cache.promises.get('eu-only')!);
    await settle();
    expect(mutations()).toEqual([
      {
        type: 'delta',
        added: [],
        removed: [
          {
            entityRef: 'component:default/eu-only',
            locationKey: 'kratix-platform:local',
          },
        ],
      },
    ]);
    provider.close();
  });

  it('on a Destination relabel updates it and only the Promises whose targeting changed', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    // dev-2 moves from {dev, us} to {prod, us}: dev-only loses it, prod-only gains it,
    // eu-only (region=eu) is unaffected.
    cache.destinations.upsert(
      aDestination(
        'dev-2',
        { environment: 'prod', region: 'us' },
        { resourceVersion: '2' },
      ),
    );
    await settle();
    expect(mutations()).toHaveLength(1);
    const [delta] = mutations() as Delta[];
    expect(names(delta)).toEqual([
      'Component:dev-only',
      'Component:prod-only',
      'Resource:dev-2',
    ]);
    expect(dependsOn(delta, 'dev-only')).toEqual(['resource:default/dev-1']);
    expect(dependsOn(delta, 'prod-only')).toEqual([
      'resource:default/dev-2',
      'resource:default/prod-1',
    ]);
    provider.close();
  });

  it('on a Destination removal removes it and updates the Promises that targeted it', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    cache.destinations.remove(cache.destinations.get('prod-1')!);
    await settle();
    const [delta] = mutations() as Delta[];
    expect(delta.removed).toEqual([
      {
        entityRef: 'resource:default/prod-1',
        locationKey: 'kratix-platform:local',
      },
    ]);
    expect(names(delta)).toEqual(['Component:eu-only', 'Component:prod-only']);
    expect(dependsOn(delta, 'prod-only')).toEqual([]);
    expect(dependsOn(delta, 'eu-only')).toEqual(['resource:default/dev-1']);
    provider.close();
  });

  it('adds a new Destination to the Promises that select it', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    cache.destinations.upsert(
      aDestination('dev-3', { environment: 'dev', region: 'ap' }),
    );
    await settle();
    const [delta] = mutations() as Delta[];
    expect(names(delta)).toEqual(['Component:dev-only', 'Resource:dev-3']);
    expect(dependsOn(delta, 'dev-only')).toEqual([
      'resource:default/dev-1',
      'resource:default/dev-2',
      'resource:default/dev-3',
    ]);
    provider.close();
  });

  it('turns a re-list (replace) into one full mutation', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();

    cache.promises.upsert(aPromise('extra', []));
    cache.promises.replaceAll([aPromise('dev-only', [{ environment: 'dev' }])]);
    await settle();
    expect(mutations()).toHaveLength(1);
    expect(names(mutations()[0] as Full)).toEqual([
      'Component:dev-only',
      'Resource:dev-1',
      'Resource:dev-2',
      'Resource:prod-1',
    ]);
    expect(mutations()[0].type).toBe('full');
    provider.close();
  });

  it('heals a failed mutation with a full one after the retry delay', async () => {
    const { cache, provider, connection, mutations, settle } = setup({
      synced: true,
    });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();
    connection.applyMutation.mockRejectedValueOnce(
      new Error('database is locked'),
    );

    cache.promises.upsert(aPromise('new-one', []));
    await settle();
    expect(mutations().map(m => m.type)).toEqual(['delta']);
    await settle(5000);
    expect(mutations().map(m => m.type)).toEqual(['delta', 'full']);
    expect(names(mutations()[1] as Full)).toContain('Component:new-one');
    provider.close();
  });

  it('runs a full mutation from the scheduled refresh once synced', async () => {
    const { cache, provider, connection, taskRunner, mutations, settle } =
      setup({ synced: true });
    seed(cache);
    await provider.connect(connection);
    await settle();
    await taskRunner.run.mock.calls[0][0].fn();
    expect(mutations().map(m => m.type)).toEqual(['full', 'full']);
    provider.close();
  });

  it('stops listening when closed', async () => {
    const { cache, provider, connection, settle } = setup({ synced: true });
    seed(cache);
    await provider.connect(connection);
    await settle();
    connection.applyMutation.mockClear();
    provider.close();
    cache.promises.upsert(aPromise('late', []));
    await settle();
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
