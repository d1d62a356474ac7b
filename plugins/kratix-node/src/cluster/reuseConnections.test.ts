import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { KratixClusterClient } from './KratixClusterClient';
import { reuseConnections } from './reuseConnections';

// A self-signed certificate for 127.0.0.1 (test only, valid until 2126).
const CERT = `-----BEGIN CERTIFICATE-----
MIIBkTCCATagAwIBAgIUfDmblRs/Aw09vYf+7gpW6sP36dcwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNjAyMzI0NVoYDzIxMjYxMTAy
MDIzMjQ1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAR/SM0R8LNVQjs4JRQQI9bk56eS8KRvyh7iyeGXj4c8VOIYgvbjv/Nn
1fH8sa+hJsF6vVLmd3ah/akyCfMyZDrIo2QwYjAdBgNVHQ4EFgQUBaAg6iMnOBGM
4Axe0xTM8Sq5on0wHwYDVR0jBBgwFoAUBaAg6iMnOBGM4Axe0xTM8Sq5on0wDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC
IQDQiHkUxLotY6FplHs8xebUAgjibpyHb0ZBfGRc9/6JUQIhALCUkqEE5KapCLOf
cJjayuEakiSLQ6DsTCD8u3EOdQKO
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeQ41wMA3WJUJMUf+
fJ45lEZs0jwdeS7kHx/ZENUZ+l2hRANCAAR/SM0R8LNVQjs4JRQQI9bk56eS8KRv
yh7iyeGXj4c8VOIYgvbjv/Nn1fH8sa+hJsF6vVLmd3ah/akyCfMyZDrI
-----END PRIVATE KEY-----
`;

/** An HTTPS fake apiserver that counts TLS connections and the bearer tokens it receives. */
async function fakeApiserver() {
  const seen = { connections: 0, tokens: [] as string[] };
  const server: Server = createServer({ cert: CERT, key: KEY }, (req, res) => {
    seen.tokens.push(String(req.headers.authorization));
    res.setHeader('Content-Type', 'application/json');
    res.end(
      '{"apiVersion":"platform.kratix.io/v1alpha1","kind":"Promise","metadata":{"name":"p"}}',
    );
  });
  server.on('secureConnection', () => (seen.connections += 1));
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'fake',
        server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
        caData: Buffer.from(CERT).toString('base64'),
      },
    ],
    users: [{ name: 'u', token: 'token-1' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'u' }],
    currentContext: 'fake',
  });
  return {
    seen,
    kc,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const getPromise = (api: CustomObjectsApi) =>
  api.getClusterCustomObject({
    group: 'platform.kratix.io',
    version: 'v1alpha1',
    plural: 'promises',
    name: 'p',
  });

describe('reuseConnections', () => {
  // undici may open a second connection while the first one is still being released; what
  // matters is that the number of connections does not grow with the number of requests.
  it('sends the requests of a KratixClusterClient over a few kept-alive TLS connections', async () => {
    const api = await fakeApiserver();
    try {
      const client = new KratixClusterClient('fake', api.kc);
      for (let i = 0; i < 10; i++)
        expect((await client.getPromise('p')).metadata.name).toBe('p');
      expect(api.seen.connections).toBeLessThanOrEqual(2);
    } finally {
      await api.close();
    }
  });

  it('still authenticates every request, and builds a new pool after the TTL', async () => {
    const api = await fakeApiserver();
    try {
      let t = 0;
      const pooled = reuseConnections(api.kc, 1000, () => t);
      const customObjects = pooled.makeApiClient(CustomObjectsApi);
      for (let i = 0; i < 3; i++) await getPromise(customObjects);
      (api.kc.users[0] as { token?: string }).token = 'token-2'; // a rotated token is used at once
      for (let i = 0; i < 3; i++) await getPromise(customObjects);
      const before = api.seen.connections;
      expect(before).toBeLessThanOrEqual(2);
      t = 2000;
      await getPromise(customObjects);
      expect(api.seen.connections).toBe(before + 1);
      expect(api.seen.tokens).toEqual([
        ...Array(3).fill('Bearer token-1'),
        ...Array(4).fill('Bearer token-2'),
      ]);
    } finally {
      await api.close();
    }
  });

  it('without reuse, client-node opens a connection per request (why this exists)', async () => {
    const api = await fakeApiserver();
    try {
      const customObjects = api.kc.makeApiClient(CustomObjectsApi);
      for (let i = 0; i < 5; i++) await getPromise(customObjects);
      expect(api.seen.connections).toBe(5);
    } finally {
      await api.close();
    }
  });
});
