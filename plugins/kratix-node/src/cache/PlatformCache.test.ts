import { mockServices } from '@backstage/backend-test-utils';
import { KratixClusterClient } from '../cluster/KratixClusterClient';
import { PlatformCache } from './PlatformCache';

/** What Node's fetch throws while nothing listens on the apiserver's port. */
const refused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
      code: 'ECONNREFUSED',
    }),
  });

/**
 * An apiserver that is down until `up` is set; then it serves the current generation's CRDs,
 * empty lists and watches that stay open until the apiserver goes down again (`drop`).
 */
function fakePlatform() {
  const state = { up: false, discoveries: [] as number[] };
  const openWatches = new Set<(err?: unknown) => void>();
  const client = {
    platform: 'prod',
    servedPlurals: async () => {
      state.discoveries.push(Date.now());
      if (!state.up) throw refused();
      return [
        'promises',
        'destinations',
        'works',
        'workplacements',
        'promiserevisions',
      ];
    },
    listPage: async () => {
      if (!state.up) throw refused();
      return { items: [], resourceVersion: '10' };
    },
    watch: async (
      _k: unknown,
      _rv: string,
      _t: number,
      _onEvent: unknown,
      done: (err?: unknown) => void,
    ) => {
      if (!state.up) throw refused();
      openWatches.add(done);
      return () => openWatches.delete(done);
    },
  };
  const drop = () => {
    state.up = false;
    const watches = [...openWatches];
    openWatches.clear();
    watches.forEach(done => done(refused()));
  };
  return { state, drop, client: client as unknown as KratixClusterClient };
}

const linesOf = (fn: jest.MockInstance<void, any[]>) =>
  fn.mock.calls.map(c => String(c[0]));

describe('PlatformCache while its platform is unreachable', () => {
  afterEach(() => jest.useRealTimers());

  it('retries generation detection with a capped exponential backoff and warns once', async () => {
    jest.useFakeTimers({ now: 0 });
    const { state, client } = fakePlatform();
    const logger = mockServices.logger.mock();
    const cache = new PlatformCache(client, logger);
    await cache.start();
    await jest.advanceTimersByTimeAsync(5 * 60_000); // a five-minute outage

    // 2, 4, 8, 16, 32 s, then every 60 s: attempts at 0, 2, 6, 14, 30, 62, 122, 182, 242 s.
    expect(state.discoveries).toEqual(
      [0, 2, 6, 14, 30, 62, 122, 182, 242].map(s => s * 1000),
    );
    expect(linesOf(logger.warn)).toEqual([
      'kratix platform prod: unreachable: fetch failed: connect ECONNREFUSED 127.0.0.1:6443; retrying with backoff, logging again when it is back',
    ]);
    expect(cache.status()).toMatchObject({ connected: false, synced: false });
    cache.stop();
  });

  it('detects the generation as soon as the watches reach the apiserver again, and says so once', async () => {
    jest.useFakeTimers({ now: 0 });
    const { state, client } = fakePlatform();
    const logger = mockServices.logger.mock();
    const cache = new PlatformCache(client, logger);
    await cache.start();
    await jest.advanceTimersByTimeAsync(5 * 60_000); // next discovery attempt would be at 302 s
    state.up = true;
    // The watches retry every ≤ 5 s; generation detection follows them, not its 60 s step.
    await jest.advanceTimersByTimeAsync(5_000);
    expect(cache.status()).toMatchObject({
      generation: 'current',
      connected: true,
      synced: true,
    });
    expect(linesOf(logger.warn)).toHaveLength(1);
    expect(linesOf(logger.info)).toEqual([
      'kratix platform prod: Kratix API generation current',
      expect.stringMatching(
        /^kratix platform prod: reachable again after 30[0-5] s$/,
      ),
    ]);
    cache.stop();
  });

  it('logs a later outage once when it starts and once when it ends, however many kinds it cuts', async () => {
    jest.useFakeTimers({ now: 0 });
    const { state, drop, client } = fakePlatform();
    state.up = true;
    const logger = mockServices.logger.mock();
    const cache = new PlatformCache(client, logger);
    await cache.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(cache.status()).toMatchObject({ connected: true });
    expect(logger.warn).not.toHaveBeenCalled();

    drop();
    await jest.advanceTimersByTimeAsync(2 * 60_000);
    expect(cache.status()).toMatchObject({ connected: false });
    expect(linesOf(logger.warn)).toEqual([
      expect.stringMatching(
        /^kratix platform prod: unreachable: \w+: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:6443; retrying/,
      ),
    ]);

    state.up = true;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(cache.status()).toMatchObject({ connected: true });
    expect(linesOf(logger.warn)).toHaveLength(1);
    expect(
      linesOf(logger.info).filter(l => l.includes('reachable again')),
    ).toEqual([
      expect.stringMatching(
        /^kratix platform prod: reachable again after 12[0-5] s$/,
      ),
    ]);
    cache.stop();
  });
});
