import { mockServices } from '@backstage/backend-test-utils';
import { KratixClusterClient } from '../cluster/KratixClusterClient';
import { PROMISES } from '../cluster/kratixKinds';
import { DEFAULT_REFLECTOR_OPTIONS, Reflector } from './Reflector';

/** What Node's fetch throws while nothing listens on the apiserver's port. */
const refused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
      code: 'ECONNREFUSED',
    }),
  });

/** A client whose apiserver is down until `up` is set; then lists are empty and watches stay open. */
function fakeClient() {
  const state = { up: false };
  const client = {
    platform: 'p',
    listPage: async () => {
      if (!state.up) throw refused();
      return { items: [], resourceVersion: '10' };
    },
    watch: async () => {
      if (!state.up) throw refused();
      return () => {};
    },
  };
  return { state, client: client as unknown as KratixClusterClient };
}

describe('Reflector during an apiserver outage', () => {
  afterEach(() => jest.useRealTimers());

  it('says why it cannot connect, and reconnects within 5 s of the apiserver coming back', async () => {
    jest.useFakeTimers({ now: 0 });
    const { state, client } = fakeClient();
    const sink = {
      replaceAll: jest.fn(),
      upsert: jest.fn(),
      remove: jest.fn(),
    };
    const reflector = new Reflector(
      client,
      PROMISES,
      o => o,
      sink,
      mockServices.rootLogger(),
      DEFAULT_REFLECTOR_OPTIONS,
    );
    reflector.start();
    await jest.advanceTimersByTimeAsync(60_000); // a minute-long outage
    expect(reflector.state).toMatchObject({
      synced: false,
      connected: false,
      lastError: 'fetch failed: connect ECONNREFUSED 127.0.0.1:6443',
    });
    state.up = true;
    // With the retry delay capped at 10 s the next attempt would be 5.75 s away.
    await jest.advanceTimersByTimeAsync(5_000);
    expect(reflector.state).toMatchObject({ synced: true, connected: true });
    reflector.stop();
  });
});
