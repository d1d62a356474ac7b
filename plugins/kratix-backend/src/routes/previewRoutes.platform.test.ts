/*
 * The what-if preview over HTTP on the real platform: predicted first, then applied, and the real
 * Kratix must do exactly what was predicted.
 */
import {
  applyPromise,
  deletePromise,
  getPromise,
  isMisplaced,
  platformGeneration,
  promiseManifest,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
} from '../__testUtils__/platformTestBackend';

describe('preview API on the real platform', () => {
  let backend: PlatformTestBackend;
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
  });
  afterAll(() => backend?.stop());

  it('predicts the WorkPlacements Kratix creates and marks misplaced for a selector change', async () => {
    const name = uniqueName('preview');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      await waitFor(
        'dev WorkPlacements in the cache',
        30_000,
        () =>
          backend.cache.workPlacements.byIndex('promise', name).length === 2,
      );
      const before = await getPromise(name);
      const res = await request(backend.server)
        .post(`/api/kratix/platforms/local/promises/${name}/preview`)
        .send({
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
          },
        });
      expect(res.status).toBe(200);
      const preview = res.body;
      expect(preview).toMatchObject({
        kind: 'promise',
        promise: name,
        changed: true,
        generation: platformGeneration(),
      });
      const group = preview.groups[0];
      expect(group.workPlacementsCreated).toEqual(['prod-1']);
      expect(
        group.workPlacementsMisplaced.map((w: any) => w.destination).sort(),
      ).toEqual(['dev-1', 'dev-2']);
      expect(preview.summary).toMatchObject({
        workPlacementsCreated: 1,
        workPlacementsMisplaced: 2,
      });
      expect(preview.markdown).toContain(name);
      // The preview changed nothing.
      expect((await getPromise(name)).metadata.generation).toBe(
        before.metadata.generation,
      );

      await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
      await waitFor('Kratix settled', 30_000, async () => {
        const wps = await workPlacementsOf(name);
        return wps.length === 3 && wps.filter(isMisplaced).length === 2;
      });
      const wps = await workPlacementsOf(name);
      expect(
        wps
          .filter(isMisplaced)
          .map(wp => wp.spec.targetDestinationName)
          .sort(),
      ).toEqual(
        group.workPlacementsMisplaced.map((w: any) => w.destination).sort(),
      );
      expect(
        wps
          .filter(wp => !isMisplaced(wp))
          .map(wp => wp.spec.targetDestinationName),
      ).toEqual(group.workPlacementsCreated);
    } finally {
      await deletePromise(name);
    }
  });

  it('previews a Destination relabel for every Promise and rejects bad input', async () => {
    const res = await request(backend.server)
      .post('/api/kratix/platforms/local/destinations/preview')
      .send({
        changes: [
          { name: 'dev-2', labels: { environment: 'prod', region: 'us' } },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('destinations');
    expect(res.body.destinations).toEqual([
      expect.objectContaining({
        name: 'dev-2',
        change: 'relabel',
        labelsAfter: { environment: 'prod', region: 'us' },
      }),
    ]);
    const bad = await request(backend.server)
      .post('/api/kratix/platforms/local/destinations/preview')
      .send({ changes: [{ name: 'Not A Name' }] });
    expect(bad.status).toBe(400);
    const both = await request(backend.server)
      .post('/api/kratix/platforms/local/promises/team-namespace/preview')
      .send({});
    expect(both.status).toBe(400);
  });
});
