// Smoke test: @kubernetes/client-node is ESM-only. The plugin imports it
// statically (no --experimental-vm-modules flag), which works because the
// Backstage Jest setup transforms ESM dependencies to CommonJS. If this test
// breaks after a bump, see docs/backstage-conventions.md section 9.
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

describe('@kubernetes/client-node under Jest', () => {
  it('constructs a KubeConfig and an API client from options', () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'platform',
          server: 'https://127.0.0.1:6443',
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'backstage', token: 'not-a-real-token' }],
      contexts: [{ name: 'platform', cluster: 'platform', user: 'backstage' }],
      currentContext: 'platform',
    });

    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(kc.makeApiClient(CustomObjectsApi)).toBeInstanceOf(CustomObjectsApi);
  });
});
