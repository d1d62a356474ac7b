/*
 * Writes against the real local platform: Promise update with optimistic concurrency and
 * server-side dry run, cleanup of the WorkPlacements the real Kratix marks misplaced, permission
 * and Kubernetes RBAC refusals, the preflight/delete race, auditor events and history.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  applyPromise,
  deletePromise,
  destinationFiles,
  getPromise,
  awaitDeletedOrRecreated,
  isMisplaced,
  isWritten,
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

const byDest = (wps: any[]) =>
  Object.fromEntries(wps.map(wp => [wp.spec.targetDestinationName, wp]));

async function waitMisplacedInCache(
  backend: PlatformTestBackend,
  promise: string,
  count: number,
) {
  await waitFor(
    `${count} misplaced of ${promise} in the API`,
    30_000,
    async () => {
      const res = await request(backend.server).get(
        `/api/kratix/platforms/local/promises/${promise}/misplaced`,
      );
      return res.body.total === count;
    },
  );
}

describe('write API on the real platform', () => {
  let backend: PlatformTestBackend;
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
  });
  afterAll(() => backend?.stop());
  const api = () => request(backend.server);

  it('updates selectors, then cleans up exactly the WorkPlacements Kratix marked misplaced', async () => {
    const name = uniqueName('write-flow');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      await waitFor('dev WorkPlacements written', 60_000, async () => {
        const wps = await workPlacementsOf(name);
        return wps.length === 2 && wps.every(isWritten);
      });
      const loaded = await getPromise(name);
      const rv = loaded.metadata.resourceVersion;
      const generation = loaded.metadata.generation;

      // Dry run at the apiserver: diff and effects, nothing changes.
      const dry = await api()
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .send({
          resourceVersion: rv,
          generation,
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
          },
          dryRun: true,
        });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        changed: true,
        generation,
      });
      expect(dry.body.diff).toContain('-      environment: dev');
      expect(dry.body.diff).toContain('+      environment: prod');
      expect(dry.body.effects).toMatchObject({
        promiseWorkflowRerun: false,
        resourceWorkflowsRerun: 0,
      });
      expect(dry.body.appliedAt).toBeUndefined();
      expect((await getPromise(name)).metadata.generation).toBe(generation);

      const t0 = Date.now();
      const applied = await api()
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .send({
          resourceVersion: rv,
          generation,
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
          },
        });
      expect(applied.status).toBe(200);
      expect(applied.body.generation).toBe(generation + 1);
      // The apiserver's own time of the write (managedFields, to the second): our update's entry
      // (Kratix's later status writes may add newer ones).
      const appliedAt = Date.parse(applied.body.appliedAt);
      const writes = (await getPromise(name)).metadata.managedFields.map(
        (f: { time: string }) => Date.parse(f.time),
      );
      expect(writes).toContain(appliedAt);
      expect(appliedAt).toBeGreaterThanOrEqual(Math.floor(t0 / 1000) * 1000);
      expect((await getPromise(name)).spec.destinationSelectors).toEqual([
        { matchLabels: { environment: 'prod' } },
      ]);

      // The real Kratix marks the dev WorkPlacements misplaced.
      await waitMisplacedInCache(backend, name, 2);
      const before = byDest(await workPlacementsOf(name));
      expect(isMisplaced(before['dev-1']) && isMisplaced(before['dev-2'])).toBe(
        true,
      );
      expect(isMisplaced(before['prod-1'])).toBe(false);

      const preflight = await api()
        .post('/api/kratix/platforms/local/cleanup/preflight')
        .send({ all: true, promise: name });
      expect(preflight.status).toBe(200);
      expect(preflight.body.deletable).toBe(2);
      for (const item of preflight.body.items) {
        expect(item.files).toEqual({
          kind: 'removed',
          path: `destinations/${item.destination}/dependencies/${name}/5058f/`,
        });
        expect(item.afterDelete).toEqual({ kind: 'not-recreated' });
      }

      const cleaned = await api()
        .post('/api/kratix/platforms/local/cleanup')
        .send({ all: true, promise: name });
      expect(cleaned.status).toBe(200);
      expect(cleaned.body.summary).toEqual({
        deleted: 2,
        refused: 0,
        failed: 0,
      });
      expect(
        cleaned.body.results.map((r: any) => r.destination).sort(),
      ).toEqual(['dev-1', 'dev-2']);

      // Kratix (current) may re-create a dependency WorkPlacement it sees being deleted; cleaning
      // those up again is what a user does too (the Misplaced tab shows them again).
      let cleanups = 1;
      let gone = [before['dev-1'], before['dev-2']];
      for (let round = 1; ; round++) {
        const recreated = await awaitDeletedOrRecreated(gone);
        if (!recreated.length) break;
        process.stdout.write(
          `[writeRoutes] Kratix re-created ${recreated
            .map(wp => wp.metadata.name)
            .join(', ')} (round ${round})\n`,
        );
        expect(round).toBeLessThan(4);
        await waitMisplacedInCache(backend, name, recreated.length);
        const again = await api()
          .post('/api/kratix/platforms/local/cleanup')
          .send({ all: true, promise: name });
        expect(again.body.summary).toEqual({
          deleted: recreated.length,
          refused: 0,
          failed: 0,
        });
        cleanups += 1;
        gone = recreated;
      }
      const after = await workPlacementsOf(name);
      expect(after.map(wp => wp.metadata.uid)).toEqual([
        before['prod-1'].metadata.uid,
      ]);
      expect(await destinationFiles('dev-1', `dependencies/${name}/`)).toEqual(
        [],
      );
      expect(await destinationFiles('dev-2', `dependencies/${name}/`)).toEqual(
        [],
      );
      expect(
        await destinationFiles('prod-1', `dependencies/${name}/`),
      ).toHaveLength(1);

      // Auditor events and history entries for each write (dry runs are audited, not recorded).
      const events = backend.audit.filter(
        e => (e.meta as any)?.promise === name || (e.meta as any)?.requested,
      );
      expect(events.map(e => [e.eventId, e.outcome])).toEqual(
        expect.arrayContaining([
          ['promise-update', 'success'],
          ['workplacement-cleanup', 'success'],
        ]),
      );
      const hist = await api().get(
        `/api/kratix/platforms/local/promises/${name}/history`,
      );
      expect(hist.status).toBe(200);
      expect(
        hist.body.items.map((h: any) => [h.action, h.outcome, h.actor]),
      ).toEqual([
        // One cleanup entry per round (newest first), then the update.
        ...Array.from({ length: cleanups }, () => [
          'workplacement.delete',
          'succeeded',
          'user:default/mock',
        ]),
        ['promise.update', 'succeeded', 'user:default/mock'],
      ]);
      expect(hist.body.items[cleanups].details.diff).toContain(
        '+      environment: prod',
      );
    } finally {
      await deletePromise(name);
    }
  }, 300_000);

  it('refuses a stale resourceVersion (409) and an invalid spec (400), leaving the Promise unchanged', async () => {
    const name = uniqueName('write-guard');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      const original = await getPromise(name);
      const rv = original.metadata.resourceVersion;
      const generation = original.metadata.generation;
      const stale = await api()
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .send({
          resourceVersion: String(Number(rv) - 1),
          specPatch: { destinationSelectors: [] },
        });
      expect(stale.status).toBe(409);
      // (Kratix keeps writing the Promise's status, so the current version may be newer than rv.)
      expect(stale.body.error.message).toMatch(
        /changed since it was loaded: .* the current one is \d+ \(generation \d+\)/,
      );

      const badLabel = await api()
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .send({
          resourceVersion: rv,
          generation,
          specPatch: {
            destinationSelectors: [
              { matchLabels: { environment: 'dev,x!=y' } },
            ],
          },
        });
      expect(badLabel.status).toBe(400);
      expect(badLabel.body.error.message).toContain('label value "dev,x!=y"');

      // Refused by the apiserver's CRD validation: its message comes back as a 400.
      const badSchema = await api()
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .send({
          resourceVersion: rv,
          generation,
          specPatch: { dependencies: 'not-a-list' },
        });
      expect(badSchema.status).toBe(400);
      expect(badSchema.body.error.message).toMatch(/spec\.dependencies/);

      const bothForms = await api()
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .send({ resourceVersion: rv, generation, spec: {}, specPatch: {} });
      expect(bothForms.status).toBe(400);
      const unknownPromise = await api()
        .post('/api/kratix/platforms/local/promises/nope-nope/update')
        .send({ resourceVersion: '1', specPatch: {} });
      expect(unknownPromise.status).toBe(404);

      const now = await getPromise(name);
      expect(now.metadata.generation).toBe(generation);
      expect(now.spec).toEqual(original.spec);
      const hist = await api().get(
        `/api/kratix/platforms/local/promises/${name}/history`,
      );
      // Nothing was applied: every attempt is recorded as refused, with the reason.
      expect(hist.body.items.map((h: any) => h.outcome)).toEqual([
        'refused',
        'refused',
        'refused',
        'refused',
      ]);
      expect(hist.body.items[3].summary).toContain(
        'changed since it was loaded',
      );
    } finally {
      await deletePromise(name);
    }
  });

  it('refuses a WorkPlacement that stopped being misplaced between preflight and delete', async () => {
    const name = uniqueName('write-race');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      await waitFor(
        'dev WorkPlacements',
        30_000,
        async () => (await workPlacementsOf(name)).length === 2,
      );
      await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
      await waitMisplacedInCache(backend, name, 2);
      const preflight = await api()
        .post('/api/kratix/platforms/local/cleanup/preflight')
        .send({ all: true, promise: name });
      const items = preflight.body.items.map((i: any) => ({
        namespace: i.namespace,
        name: i.name,
        uid: i.uid,
        resourceVersion: i.resourceVersion,
      }));
      expect(items).toHaveLength(2);

      // The Promise goes back to dev: Kratix un-marks the dev WorkPlacements.
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      await waitFor(
        'dev WorkPlacements no longer misplaced',
        30_000,
        async () =>
          (await workPlacementsOf(name))
            .filter(wp => wp.spec.targetDestinationName.startsWith('dev'))
            .every(wp => !isMisplaced(wp)),
      );
      const res = await api()
        .post('/api/kratix/platforms/local/cleanup')
        .send({ items });
      expect(res.status).toBe(200);
      expect(res.body.summary).toEqual({ deleted: 0, refused: 2, failed: 0 });
      for (const r of res.body.results) {
        expect(r.reason).toMatch(
          /changed since preflight|no longer misplaced|not misplaced/,
        );
      }
      const still = byDest(await workPlacementsOf(name));
      expect(still['dev-1'] && still['dev-2']).toBeTruthy();
    } finally {
      await deletePromise(name);
    }
  });
});

describe('write API refusals on the real platform', () => {
  it('answers 403 when the permission policy denies, and changes nothing', async () => {
    const backend = await startPlatformTestBackend({
      permission: AuthorizeResult.DENY,
    });
    const name = uniqueName('write-deny');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
      const original = await getPromise(name);
      const update = await request(backend.server)
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .send({
          resourceVersion: original.metadata.resourceVersion,
          specPatch: { destinationSelectors: [] },
        });
      expect(update.status).toBe(403);
      const after = await getPromise(name);
      expect(after.metadata.generation).toBe(original.metadata.generation);
      expect(after.spec).toEqual(original.spec);
      await waitFor(
        'prod WorkPlacement',
        30_000,
        async () => (await workPlacementsOf(name)).length === 1,
      );
      const [wp] = await workPlacementsOf(name);
      const cleanup = await request(backend.server)
        .post('/api/kratix/platforms/local/cleanup')
        .send({
          items: [{ namespace: wp.metadata.namespace, name: wp.metadata.name }],
        });
      // Reads are denied too, so the cache-backed cleanup is refused before anything happens.
      expect(cleanup.status).toBe(403);
      // (Kratix rewrites WorkPlacement status on any Destination event, so compare identity.)
      const [again] = await workPlacementsOf(name);
      expect(again.metadata.uid).toBe(wp.metadata.uid);
      expect(again.metadata.deletionTimestamp).toBeUndefined();
    } finally {
      await backend.stop();
      await deletePromise(name);
    }
  });

  it('impersonates the user: the restricted Kubernetes identity gets Kubernetes 403s, surfaced as 403', async () => {
    const backend = await startPlatformTestBackend({
      platformOverrides: { impersonateUser: true },
    });
    const name = uniqueName('write-rbac');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      await waitFor(
        'dev WorkPlacements',
        30_000,
        async () => (await workPlacementsOf(name)).length === 2,
      );
      await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
      await waitMisplacedInCache(backend, name, 2);
      const alice = mockCredentials.user.header('user:default/alice');
      const original = await getPromise(name);

      const update = await request(backend.server)
        .post(`/api/kratix/platforms/local/promises/${name}/update`)
        .set('Authorization', alice)
        .send({
          resourceVersion: original.metadata.resourceVersion,
          generation: original.metadata.generation,
          specPatch: { destinationSelectors: [] },
        });
      expect(update.status).toBe(403);
      expect(update.body.error.message).toContain('Kubernetes refused');
      expect(update.body.error.message).toContain('alice');

      const cleanup = await request(backend.server)
        .post('/api/kratix/platforms/local/cleanup')
        .set('Authorization', alice)
        .send({ all: true, promise: name });
      expect(cleanup.status).toBe(403);
      expect(cleanup.body.error.message).toContain(
        'Kubernetes does not allow alice to delete WorkPlacements',
      );

      expect((await getPromise(name)).metadata.generation).toBe(
        original.metadata.generation,
      );
      expect((await workPlacementsOf(name)).filter(isMisplaced)).toHaveLength(
        2,
      );
    } finally {
      await backend.stop();
      await deletePromise(name);
    }
  });
});
