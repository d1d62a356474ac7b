import { KubeConfig } from '@kubernetes/client-node';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { KratixClusterClient } from './KratixClusterClient';

/**
 * A fake apiserver holding `total` resource requests, answering limited lists page by page, with or
 * without `remainingItemCount`. Records each request's query.
 */
async function fakeApiserver(total: number, withRemainingCount: boolean) {
  const queries: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    const q = new URL(req.url!, 'http://x').searchParams;
    queries.push(q);
    const start = Number(q.get('continue') ?? 0);
    const end = Math.min(total, start + Number(q.get('limit')));
    const metadata: Record<string, unknown> = { resourceVersion: '9' };
    if (end < total) {
      metadata.continue = String(end);
      if (withRemainingCount) metadata.remainingItemCount = total - end;
    }
    const items = Array.from({ length: end - start }, (_, i) => ({
      metadata: { name: `r-${start + i}` },
    }));
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        apiVersion: 'demo.kratix.io/v1',
        kind: 'AppList',
        metadata,
        items,
      }),
    );
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
    queries,
    client: new KratixClusterClient('fake', kc),
    close: () => server.close(),
  };
}

const api = { group: 'demo.kratix.io', version: 'v1', plural: 'apps' };

describe('KratixClusterClient.countResources', () => {
  it('counts with one one-object request when the apiserver reports remainingItemCount', async () => {
    const fake = await fakeApiserver(10_000, true);
    try {
      expect(await fake.client.countResources(api)).toBe(10_000);
      expect(fake.queries.map(q => q.get('limit'))).toEqual(['1']);
    } finally {
      fake.close();
    }
  });

  it('pages through everything when it does not', async () => {
    const fake = await fakeApiserver(1_201, false);
    try {
      expect(await fake.client.countResources(api)).toBe(1_201);
      expect(fake.queries.map(q => q.get('limit'))).toEqual([
        '1',
        '500',
        '500',
        '500',
      ]);
    } finally {
      fake.close();
    }
  });

  it('counts small and empty collections', async () => {
    for (const total of [0, 1]) {
      const fake = await fakeApiserver(total, true);
      try {
        expect(await fake.client.countResources(api)).toBe(total);
      } finally {
        fake.close();
      }
    }
  });
});
