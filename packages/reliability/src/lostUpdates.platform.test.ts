/*
 * Reliability: nothing lost. 100 concurrent Promise updates, all made from the same loaded
 * version (resourceVersion + generation), each setting a different selector value: exactly one
 * is applied (200), the other 99 get 409, the final spec is the winner's, and the history has
 * exactly one succeeded entry. A second round sends the resourceVersion alone.
 */
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  applyPromise,
  deletePromise,
  getPromise,
  KratixTestBackend,
  platformKubeconfigPath,
  promiseManifest,
  startKratixTestBackend,
  uniqueName,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import { reportCategory } from './__testUtils__/report';

const CONCURRENT = 100;

describe('reliability: lost updates', () => {
  const promise = uniqueName('rel-lost');
  let backend: KratixTestBackend;

  beforeAll(async () => {
    // Matches no Destination: Kratix has nothing to schedule while the updates race.
    await applyPromise(
      promiseManifest(promise, [{ 'reliability-round': 'start' }]),
    );
    backend = await startKratixTestBackend({
      plugin: kratixBackendPlugin,
      platforms: [
        { name: 'local', kubeconfig: { path: platformKubeconfigPath() } },
      ],
      waitSynced: ['local'],
    });
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    await deletePromise(promise);
  }, 240_000);

  async function round(label: string, withGeneration: boolean) {
    const loaded = await getPromise(promise);
    const base = {
      resourceVersion: loaded.metadata.resourceVersion,
      ...(withGeneration ? { generation: loaded.metadata.generation } : {}),
    };
    const selectorOf = (i: number) => [
      { matchLabels: { 'reliability-round': `${label}-${i}` } },
    ];
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        request(backend.server)
          .post(`/api/kratix/platforms/local/promises/${promise}/update`)
          .send({ ...base, specPatch: { destinationSelectors: selectorOf(i) } })
          .then(res => ({ i, res })),
      ),
    );
    const winners = responses.filter(r => r.res.status === 200);
    const conflicts = responses.filter(r => r.res.status === 409);
    const other = responses.filter(
      r => r.res.status !== 200 && r.res.status !== 409,
    );
    const now = await getPromise(promise);
    return { loaded, winners, conflicts, other, now, selectorOf };
  }

  it('applies exactly one of 100 concurrent updates from the same version and refuses the rest', async () => {
    let attempted = 0;
    let asExpected = 0;
    for (const [label, withGeneration] of [
      ['gen', true],
      ['rv', false],
    ] as const) {
      const historyBefore = (
        await request(backend.server).get(
          `/api/kratix/platforms/local/promises/${promise}/history?limit=1000`,
        )
      ).body.items.length;
      const r = await round(label, withGeneration);
      attempted += CONCURRENT;
      expect(r.other.map(o => `${o.res.status} ${o.res.text}`)).toEqual([]);
      expect(r.winners).toHaveLength(1);
      expect(r.conflicts).toHaveLength(CONCURRENT - 1);
      const winner = r.winners[0];
      expect(r.now.metadata.generation).toBe(r.loaded.metadata.generation + 1);
      expect(r.now.spec.destinationSelectors).toEqual(r.selectorOf(winner.i));
      expect(winner.res.body.generation).toBe(r.now.metadata.generation);
      for (const c of r.conflicts)
        expect(c.res.body.error.name).toBe('ConflictError');

      const history = (
        await request(backend.server).get(
          `/api/kratix/platforms/local/promises/${promise}/history?limit=1000`,
        )
      ).body.items.slice(0, CONCURRENT);
      expect(history).toHaveLength(CONCURRENT);
      expect(historyBefore + CONCURRENT).toBe(
        (
          await request(backend.server).get(
            `/api/kratix/platforms/local/promises/${promise}/history?limit=1000`,
          )
        ).body.items.length,
      );
      const succeeded = history.filter((h: any) => h.outcome === 'succeeded');
      expect(succeeded).toHaveLength(1);
      expect(succeeded[0].details.diff).toContain(`${label}-${winner.i}`);
      expect(history.filter((h: any) => h.outcome === 'refused')).toHaveLength(
        CONCURRENT - 1,
      );
      asExpected += r.winners.length + r.conflicts.length;
    }
    reportCategory(
      'lost updates',
      attempted,
      asExpected,
      'one 200 and 99 409 per round of 100, final spec = the winner',
    );
    expect(asExpected).toBe(attempted);
  });
});
