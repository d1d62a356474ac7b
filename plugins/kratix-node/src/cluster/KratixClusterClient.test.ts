import { KubeConfig } from '@kubernetes/client-node';
import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { KratixClusterClient } from './KratixClusterClient';

/** A fake apiserver that records each request (method, url, body) and answers 200 {}. */
async function fakeApiserver() {
  const seen: Array<{ method?: string; url?: string; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body });
      res.setHeader('Content-Type', 'application/json');
      res.end('{"kind":"Status","status":"Success"}');
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'fake',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u', token: 'not-a-real-token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'u' }],
    currentContext: 'fake',
  });
  return {
    seen,
    client: new KratixClusterClient('fake', kc),
    close: () => server.close(),
  };
}

describe('KratixClusterClient.deleteWorkPlacement', () => {
  it('sends dryRun in the DeleteOptions body, where the apiserver reads it (not the query)', async () => {
    const api = await fakeApiserver();
    try {
      const preconditions = { uid: 'u-1', resourceVersion: '42' };
      await api.client.deleteWorkPlacement('ns', 'wp', preconditions, {
        dryRun: true,
      });
      await api.client.deleteWorkPlacement('ns', 'wp', preconditions);
      const [dry, real] = api.seen;
      expect(dry.method).toBe('DELETE');
      expect(dry.url).toBe(
        '/apis/platform.kratix.io/v1alpha1/namespaces/ns/workplacements/wp',
      );
      expect(JSON.parse(dry.body)).toEqual({
        preconditions,
        propagationPolicy: 'Background',
        dryRun: ['All'],
      });
      expect(JSON.parse(real.body)).toEqual({
        preconditions,
        propagationPolicy: 'Background',
      });
    } finally {
      api.close();
    }
  });
});
