import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  memoryPlatform,
  startMemoryTestBackend,
} from '../__testUtils__/memoryPlatforms';
import { fillUpdatedScenario } from '../__testUtils__/memoryScenario';

const auth = mockCredentials.user.header();

async function backendWith(decisions = {}) {
  const local = memoryPlatform('local');
  fillUpdatedScenario(local);
  return { local, backend: await startMemoryTestBackend([local], decisions) };
}

describe('preview routes over an in-memory platform', () => {
  it('previews a Destination label change from the cache (200): dev-1 gaining env=prod is targeted again', async () => {
    const { backend } = await backendWith();
    try {
      const res = await request(backend.server)
        .post('/api/kratix/platforms/local/destinations/preview')
        .set('Authorization', auth)
        .send({ changes: [{ name: 'dev-1', labels: { env: 'prod' } }] });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain('dev-1');
    } finally {
      await backend.stop();
    }
  });

  it('answers 400 for labels Kubernetes would refuse and for a Promise preview without a spec', async () => {
    const { backend } = await backendWith();
    try {
      const labels = await request(backend.server)
        .post('/api/kratix/platforms/local/destinations/preview')
        .set('Authorization', auth)
        .send({ changes: [{ name: 'dev-1', labels: { 'bad key!': 'x' } }] });
      expect(labels.status).toBe(400);
      const noSpec = await request(backend.server)
        .post('/api/kratix/platforms/local/promises/redis/preview')
        .set('Authorization', auth)
        .send({});
      expect(noSpec.status).toBe(400);
      expect(noSpec.body.error.message).toBe(
        'send exactly one of spec and specPatch',
      );
    } finally {
      await backend.stop();
    }
  });

  it('answers 403 without kratix.promise.read and 503 while the platform is unreachable', async () => {
    const denied = await backendWith({
      'kratix.promise.read': AuthorizeResult.DENY,
    });
    try {
      const res = await request(denied.backend.server)
        .post('/api/kratix/platforms/local/destinations/preview')
        .set('Authorization', auth)
        .send({ changes: [] });
      expect(res.status).toBe(403);
    } finally {
      await denied.backend.stop();
    }
    const { local, backend } = await backendWith();
    try {
      local.cache.state.connected = false;
      local.cache.state.error = 'connect ECONNREFUSED';
      const res = await request(backend.server)
        .post('/api/kratix/platforms/local/destinations/preview')
        .set('Authorization', auth)
        .send({ changes: [] });
      expect(res.status).toBe(503);
    } finally {
      await backend.stop();
    }
  });
});
