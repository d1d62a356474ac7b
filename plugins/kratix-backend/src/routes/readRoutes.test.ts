import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  MemoryPlatform,
  MemoryTestBackend,
  memoryPlatform,
  startMemoryTestBackend,
} from '../__testUtils__/memoryPlatforms';
import { fillUpdatedScenario } from '../__testUtils__/memoryScenario';

const auth = mockCredentials.user.header();

describe('read routes over an in-memory platform', () => {
  let local: MemoryPlatform;
  let backend: MemoryTestBackend;
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/kratix${path}`)
      .set('Authorization', auth);

  beforeEach(async () => {
    local = memoryPlatform('local');
    fillUpdatedScenario(local);
    backend = await startMemoryTestBackend([local]);
  });
  afterEach(() => backend.stop());

  it('lists platforms with their counts (200)', async () => {
    const res = await get('/platforms');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'local',
        synced: true,
        connected: true,
        counts: {
          promises: 1,
          destinations: 2,
          works: 1,
          workPlacements: 2,
          misplaced: 1,
        },
      }),
    ]);
  });

  it('answers 401 without credentials', async () => {
    const res = await request(backend.server).get('/api/kratix/platforms');
    expect(res.status).toBe(401);
  });

  it('answers 400 naming the unknown query parameter', async () => {
    const res = await get('/platforms?verbose=true');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/invalid query/);
  });

  it('answers 400 for a platform or Promise name Kubernetes would never accept', async () => {
    expect((await get('/platforms/Local/promises')).status).toBe(400);
    const res = await get('/platforms/local/promises/Not_A_Name');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Promise name/);
  });

  it('answers 404 for an unknown platform or Promise', async () => {
    const platform = await get('/platforms/prod/promises');
    expect(platform.status).toBe(404);
    expect(platform.body.error.message).toMatch(/configured: local/);
    const promise = await get('/platforms/local/promises/postgres/targeting');
    expect(promise.status).toBe(404);
  });

  it('lists the misplaced WorkPlacements, of the platform and of one Promise', async () => {
    const all = await get('/platforms/local/misplaced');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: any) => i.name)).toEqual([
      'redis-static.dev-1-5058f',
    ]);
    const mine = await get('/platforms/local/promises/redis/misplaced');
    expect(mine.body.total).toBe(1);
    expect((await get('/platforms/local/misplaced?kind=bogus')).status).toBe(
      400,
    );
  });

  it('answers targeting, Works and the matrix from the cache', async () => {
    const targeting = await get('/platforms/local/promises/redis/targeting');
    expect(targeting.status).toBe(200);
    expect(JSON.stringify(targeting.body)).toContain('prod-1');
    const works = await get('/platforms/local/promises/redis/works');
    expect(works.status).toBe(200);
    const matrix = await get('/platforms/local/matrix');
    expect(matrix.status).toBe(200);
    expect(matrix.type).toBe('application/json');
    expect(
      (await get('/platforms/local/promises/redis/targeting?groupsLimit=0'))
        .status,
    ).toBe(400);
  });

  it('answers 503 while the platform has not synced, and while unreachable unless allowStale', async () => {
    local.cache.state.synced = false;
    const loading = await get('/platforms/local/promises');
    expect(loading.status).toBe(503);
    expect(loading.body.error.message).toMatch(/still loading/);

    local.cache.state.synced = true;
    local.cache.state.connected = false;
    local.cache.state.error = 'connect ECONNREFUSED';
    const down = await get('/platforms/local/promises');
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(/allowStale=true/);
    const stale = await get('/platforms/local/promises?allowStale=true');
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({
      stale: true,
      staleReason: 'connect ECONNREFUSED',
    });
  });
});

describe('read routes without kratix.promise.read', () => {
  it('answer 403 on every read', async () => {
    const local = memoryPlatform('local');
    fillUpdatedScenario(local);
    const backend = await startMemoryTestBackend([local], {
      'kratix.promise.read': AuthorizeResult.DENY,
    });
    try {
      for (const path of [
        '/platforms',
        '/platforms/local/promises',
        '/platforms/local/promises/redis',
        '/platforms/local/promises/redis/manifest',
        '/platforms/local/promises/redis/targeting',
        '/platforms/local/promises/redis/works',
        '/platforms/local/misplaced',
        '/platforms/local/matrix',
        '/platforms/local/revision',
        '/platforms/local/promises/redis/history',
      ]) {
        const res = await request(backend.server)
          .get(`/api/kratix${path}`)
          .set('Authorization', auth);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(res.body.error.message).toBe(
          'kratix.promise.read is not allowed for this user',
        );
      }
    } finally {
      await backend.stop();
    }
  });
});
