/*
 * The read API against the real local platform (real kube-apiserver, the real Kratix manager of
 * the platform's generation, current by default): scenario of the Kratix Updates docs, targeting reasons, watch-fed updates.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  applyPromise,
  createDestination,
  deleteDestination,
  deletePromise,
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

type Backend = PlatformTestBackend;

describe('read API on the real platform', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
  });
  afterAll(() => backend?.stop());

  const get = (path: string) =>
    request(backend.server).get(`/api/kratix${path}`);
  const relists = () =>
    backend.cache.status().kinds.reduce((n, k) => n + k.relists, 0);

  it('shows exactly the dev WorkPlacements as misplaced after the Updates-docs change, through the watch', async () => {
    const name = uniqueName('api-updates');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      await waitFor(
        'two placed WorkPlacements in the API',
        30_000,
        async () => {
          const res = await get(`/platforms/local/promises/${name}`);
          return res.status === 200 && res.body.promise.workPlacements === 2;
        },
      );
      const summary = (await get(`/platforms/local/promises/${name}`)).body
        .promise;
      expect(summary.targetedDestinations).toEqual(['dev-1', 'dev-2']);
      expect(summary.misplaced).toBe(0);
      const relistsBefore = relists();

      await applyPromise(
        promiseManifest(
          name,
          [{ environment: 'prod' }],
          [
            {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name: `${name}-bar` },
            },
          ],
        ),
      );
      await waitFor(
        'misplaced dev WorkPlacements in the API',
        30_000,
        async () => {
          const res = await get(`/platforms/local/promises/${name}/misplaced`);
          return res.status === 200 && res.body.total === 2;
        },
      );
      const misplaced = (
        await get(`/platforms/local/promises/${name}/misplaced?sort=name`)
      ).body;
      expect(misplaced.items.map((i: any) => i.destination).sort()).toEqual([
        'dev-1',
        'dev-2',
      ]);
      for (const item of misplaced.items) {
        expect(item.misplaced).toBe(true);
        // Current Kratix labels kratix.io/misplaced; v0.125.0 the legacy kratix.io/misscheduled.
        expect(item.misplacedLabel).toBe(
          platformGeneration() === 'current'
            ? 'kratix.io/misplaced'
            : 'kratix.io/misscheduled',
        );
        expect(item.destinationStillMatches).toBe(false);
        expect(item.destinationExists).toBe(true);
        expect(item.kind).toBe('dependency');
        expect(item.reasons).toEqual([
          {
            type: 'different-value',
            key: 'environment',
            expected: 'prod',
            actual: 'dev',
          },
        ]);
        expect(typeof item.misplacedSince).toBe('string');
      }
      // The API agrees with the cluster, WorkPlacement by WorkPlacement.
      const cluster = await workPlacementsOf(name);
      expect(cluster).toHaveLength(3);
      const works = (await get(`/platforms/local/promises/${name}/works`)).body;
      const wps = works.works.flatMap((w: any) => w.workPlacements);
      expect(wps.map((w: any) => w.uid).sort()).toEqual(
        cluster.map(w => w.metadata.uid).sort(),
      );
      const prod = wps.find((w: any) => w.destination === 'prod-1');
      expect(prod).toMatchObject({
        misplaced: false,
        destinationStillMatches: true,
      });
      // Per-Destination and all-platform lists, and the matrix, see the same.
      const onDev1 = (
        await get(
          `/platforms/local/misplaced?destination=dev-1&promise=${name}`,
        )
      ).body;
      expect(onDev1.items.map((i: any) => i.destination)).toEqual(['dev-1']);
      const all = (await get('/platforms/local/misplaced?limit=1000')).body;
      expect(all.items.filter((i: any) => i.promiseName === name)).toHaveLength(
        2,
      );
      const m = (await get('/platforms/local/matrix')).body;
      const cells = m.cells.filter((c: any) => c.promise === name);
      expect(
        cells.map((c: any) => [
          c.destination,
          c.workPlacements,
          c.misplaced,
          c.targeted,
        ]),
      ).toEqual([
        ['dev-1', 1, 1, false],
        ['dev-2', 1, 1, false],
        ['prod-1', 1, 0, true],
      ]);
      // All of it arrived through the watch: no re-list happened.
      expect(relists()).toBe(relistsBefore);
    } finally {
      await deletePromise(name);
    }
  });

  it('explains targeting: wrong value, missing label, conflicting entries, empty selector and strictMatchLabels', async () => {
    const strict = uniqueName('strict');
    const conflicting = uniqueName('api-conflict');
    const missing = uniqueName('api-missing');
    const empty = uniqueName('api-empty');
    try {
      await createDestination(
        strict,
        { environment: 'strict' },
        { strictMatchLabels: true },
      );
      await applyPromise(
        promiseManifest(conflicting, [
          { environment: 'dev' },
          { environment: 'prod', region: 'eu' },
        ]),
      );
      await applyPromise(promiseManifest(missing, [{ tier: 'gold' }]));
      await applyPromise(promiseManifest(empty, []));
      await waitFor(
        'promises and Destination in the cache',
        30_000,
        async () => {
          const res = await get(`/platforms/local/promises/${empty}/targeting`);
          return (
            res.status === 200 &&
            res.body.destinations.some((d: any) => d.name === strict)
          );
        },
      );

      const c = (
        await get(`/platforms/local/promises/${conflicting}/targeting`)
      ).body;
      expect(c.selectors.matchLabels).toEqual({
        environment: 'dev',
        region: 'eu',
      });
      expect(c.selectors.conflicts).toEqual([
        expect.objectContaining({
          key: 'environment',
          keptValue: 'dev',
          ignoredValue: 'prod',
        }),
      ]);
      const byName = (t: any) =>
        Object.fromEntries(t.destinations.map((d: any) => [d.name, d]));
      const cd = byName(c);
      expect(cd['dev-1'].matched).toBe(true);
      expect(cd['dev-2'].reasons).toEqual([
        {
          type: 'different-value',
          key: 'region',
          expected: 'eu',
          actual: 'us',
        },
      ]);
      expect(cd['prod-1'].reasons).toEqual([
        {
          type: 'different-value',
          key: 'environment',
          expected: 'dev',
          actual: 'prod',
        },
      ]);
      expect(cd['prod-1'].reasonTexts).toEqual([
        'label environment is "prod", selector wants "dev"',
      ]);

      const mi = byName(
        (await get(`/platforms/local/promises/${missing}/targeting`)).body,
      );
      expect(mi['dev-1'].reasons).toEqual([
        { type: 'missing-label', key: 'tier', expected: 'gold' },
      ]);

      const e = byName(
        (await get(`/platforms/local/promises/${empty}/targeting`)).body,
      );
      expect(
        e['dev-1'].matched && e['dev-2'].matched && e['prod-1'].matched,
      ).toBe(true);
      expect(e[strict]).toMatchObject({
        matched: false,
        reasons: [{ type: 'strict-match-labels' }],
      });

      // Kratix agrees: the empty-selector Promise is placed on every non-strict Destination only.
      await waitFor(
        'empty-selector WorkPlacements',
        30_000,
        async () => (await workPlacementsOf(empty)).length >= 3,
      );
      await new Promise(r => setTimeout(r, 2000));
      const placed = (await workPlacementsOf(empty)).map(
        wp => wp.spec.targetDestinationName,
      );
      expect(placed).not.toContain(strict);
      expect(placed).toEqual(
        expect.arrayContaining(['dev-1', 'dev-2', 'prod-1']),
      );
      const conflictPlaced = (await workPlacementsOf(conflicting)).map(
        wp => wp.spec.targetDestinationName,
      );
      expect(conflictPlaced).toEqual(['dev-1']);
    } finally {
      await Promise.all([
        deletePromise(conflicting),
        deletePromise(missing),
        deletePromise(empty),
      ]);
      await deleteDestination(strict);
    }
  });

  it('answers 404 for unknown platforms and Promises and 400 for bad parameters', async () => {
    const unknownPlatform = await get('/platforms/nope/promises');
    expect(unknownPlatform.status).toBe(404);
    expect(unknownPlatform.body.error.message).toContain(
      'unknown Kratix platform "nope"',
    );
    const unknownPromise = await get(
      '/platforms/local/promises/does-not-exist/targeting',
    );
    expect(unknownPromise.status).toBe(404);
    expect(unknownPromise.body.error.message).toContain(
      'Promise "does-not-exist" not found',
    );
    const badLimit = await get('/platforms/local/misplaced?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toContain('limit');
    const badGroups = await get(
      '/platforms/local/promises/does-not-exist/targeting?groupsLimit=5000',
    );
    expect(badGroups.status).toBe(400);
    expect(badGroups.body.error.message).toContain('groupsLimit');
    const unknownParam = await get('/platforms/local/misplaced?color=red');
    expect(unknownParam.status).toBe(400);
    const badName = await get('/platforms/local/promises/Bad_Name');
    expect(badName.status).toBe(400);
  });
});

describe('read API permission', () => {
  it('refuses reads without kratix.promise.read (403)', async () => {
    const backend = await startPlatformTestBackend({
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await request(backend.server).get(
        '/api/kratix/platforms/local/promises',
      );
      expect(res.status).toBe(403);
    } finally {
      await backend.stop();
    }
  });
});
