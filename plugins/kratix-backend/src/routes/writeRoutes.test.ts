import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  MemoryPlatform,
  PermissionDecisions,
  MemoryTestBackend,
  memoryPlatform,
  startMemoryTestBackend,
} from '../__testUtils__/memoryPlatforms';
import { fillUpdatedScenario } from '../__testUtils__/memoryScenario';

const auth = mockCredentials.user.header();
const MISPLACED = {
  namespace: 'kratix-platform-system',
  name: 'redis-static.dev-1-5058f',
};
const PLACED = {
  namespace: 'kratix-platform-system',
  name: 'redis-static.prod-1-5058f',
};
const MISSING = { namespace: 'kratix-platform-system', name: 'gone' };

/**
 * The HTTP contract of the write routes (status codes, error words, ndjson, audit and history of
 * refusals) over an in-memory platform whose client has no cluster: every case here is decided
 * before a call to Kubernetes, so a call would fail the test with a 500. What the cluster does
 * (409 on a concurrent change, deletions, finalizers) is proven by writeRoutes.platform.test.ts.
 */
describe('write routes over an in-memory platform', () => {
  let local: MemoryPlatform;
  let backend: MemoryTestBackend;
  const start = async (decisions: PermissionDecisions = {}) => {
    local = memoryPlatform('local');
    fillUpdatedScenario(local);
    backend = await startMemoryTestBackend([local], decisions);
  };
  const post = (path: string, body: unknown) =>
    request(backend.server)
      .post(`/api/kratix${path}`)
      .set('Authorization', auth)
      .send(body as object);
  afterEach(() => backend.stop());

  describe('POST …/promises/:promise/update', () => {
    const update = { resourceVersion: '20', specPatch: { x: 1 } };

    it('answers 401 without credentials and 400 for a body it cannot take', async () => {
      await start();
      const anonymous = await request(backend.server)
        .post('/api/kratix/platforms/local/promises/redis/update')
        .send(update);
      expect(anonymous.status).toBe(401);
      const noVersion = await post('/platforms/local/promises/redis/update', {
        spec: {},
      });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.message).toMatch(/resourceVersion/);
      const unknownField = await post(
        '/platforms/local/promises/redis/update',
        {
          ...update,
          force: true,
        },
      );
      expect(unknownField.status).toBe(400);
      expect(backend.audit).toEqual([]);
    });

    it('answers 403 without kratix.promise.update, audits the refusal and records it in the history', async () => {
      await start({ 'kratix.promise.update': AuthorizeResult.DENY });
      const res = await post('/platforms/local/promises/redis/update', update);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'kratix.promise.update is not allowed on Promise redis for user:default/mock',
      );
      expect(backend.audit).toEqual([
        expect.objectContaining({ eventId: 'promise-update', outcome: 'fail' }),
      ]);
      const history = await request(backend.server)
        .get('/api/kratix/platforms/local/promises/redis/history')
        .set('Authorization', auth);
      expect(history.status).toBe(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({
          action: 'promise.update',
          outcome: 'refused',
          actor: 'user:default/mock',
        }),
      ]);
    });

    it('answers 404 for an unknown platform', async () => {
      await start();
      const res = await post('/platforms/eu/promises/redis/update', update);
      expect(res.status).toBe(404);
    });
  });

  describe('POST …/cleanup/preflight', () => {
    it('says what a cleanup would do, from the cache (200)', async () => {
      await start();
      const res = await post('/platforms/local/cleanup/preflight', {
        items: [MISPLACED, PLACED, MISSING],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        platform: 'local',
        deletable: 1,
        blocked: 0,
      });
      expect(res.body.items).toEqual([
        expect.objectContaining({
          found: true,
          name: MISPLACED.name,
          misplaced: true,
        }),
        expect.objectContaining({
          found: true,
          name: PLACED.name,
          misplaced: false,
        }),
        { found: false, ...MISSING },
      ]);
    });

    it('answers 400 for items and all together, 403 without read', async () => {
      await start({ 'kratix.promise.read': AuthorizeResult.DENY });
      const denied = await post('/platforms/local/cleanup/preflight', {
        all: true,
      });
      expect(denied.status).toBe(403);
      await backend.stop();
      await start();
      const both = await post('/platforms/local/cleanup/preflight', {
        items: [MISPLACED],
        all: true,
      });
      expect(both.status).toBe(400);
      expect(both.body.error.message).toBe(
        'send either items or all: true, not both',
      );
    });
  });

  describe('POST …/cleanup', () => {
    it('answers 403 naming the Promise when kratix.workplacement.delete is denied, deleting nothing', async () => {
      await start({ 'kratix.workplacement.delete': AuthorizeResult.DENY });
      const res = await post('/platforms/local/cleanup', {
        items: [MISPLACED],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'kratix.workplacement.delete is not allowed on Promise(s) redis for user:default/mock',
      );
      expect(local.cache.workPlacements.size).toBe(2);
      // Refused before the audit event: nothing was attempted.
      expect(backend.audit).toEqual([]);
    });

    it('answers 403 before anything else without read: not found and forbidden look the same', async () => {
      await start({ 'kratix.promise.read': AuthorizeResult.DENY });
      const res = await post('/platforms/local/cleanup', { items: [MISSING] });
      expect(res.status).toBe(403);
    });

    it('answers 400 for a selection it cannot take and 503 while the platform is not synced', async () => {
      await start();
      expect((await post('/platforms/local/cleanup', {})).status).toBe(400);
      expect(
        (await post('/platforms/local/cleanup', { all: true, force: 'yes' }))
          .status,
      ).toBe(400);
      local.cache.state.synced = false;
      const loading = await post('/platforms/local/cleanup', { all: true });
      expect(loading.status).toBe(503);
    });

    it('streams one ndjson line per item and the summary last', async () => {
      await start();
      const res = await post('/platforms/local/cleanup', {
        items: [MISSING, { ...MISSING, name: 'gone-too' }],
      }).set('Accept', 'application/x-ndjson');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
      const lines = res.text
        .trim()
        .split('\n')
        .map(l => JSON.parse(l));
      expect(lines).toEqual([
        { ...MISSING, outcome: 'refused', reason: 'not found' },
        {
          ...MISSING,
          name: 'gone-too',
          outcome: 'refused',
          reason: 'not found',
        },
        { summary: { deleted: 0, refused: 2, failed: 0 } },
      ]);
      expect(backend.audit).toEqual([
        expect.objectContaining({
          eventId: 'workplacement-cleanup',
          outcome: 'success',
        }),
      ]);
    });

    it('answers the same results as one JSON document without the ndjson Accept header', async () => {
      await start();
      const res = await post('/platforms/local/cleanup', { items: [MISSING] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        platform: 'local',
        dryRun: false,
        results: [{ ...MISSING, outcome: 'refused', reason: 'not found' }],
        summary: { deleted: 0, refused: 1, failed: 0 },
      });
    });
  });

  describe('GET …/promises/:promise/history', () => {
    it('answers 200 with no entries, 400 for a bad limit, 404 for an unknown platform', async () => {
      await start();
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/kratix${path}`)
          .set('Authorization', auth);
      const empty = await get('/platforms/local/promises/redis/history');
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({
        platform: 'local',
        promise: 'redis',
        items: [],
      });
      expect(
        (await get('/platforms/local/promises/redis/history?limit=0')).status,
      ).toBe(400);
      expect((await get('/platforms/eu/promises/redis/history')).status).toBe(
        404,
      );
    });
  });
});
