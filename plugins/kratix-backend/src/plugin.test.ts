import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { kratixPlugin } from './plugin';

describe('kratix backend plugin', () => {
  it('serves /api/kratix/health without credentials', async () => {
    const { server } = await startTestBackend({ features: [kratixPlugin] });

    const res = await request(server)
      .get('/api/kratix/health')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('registers the kratix permissions in the permission metadata', async () => {
    const { server } = await startTestBackend({ features: [kratixPlugin] });

    const res = await request(server)
      .get('/api/kratix/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());

    expect(res.status).toBe(200);
    expect(
      res.body.permissions.map((p: { name: string }) => p.name).sort(),
    ).toEqual([
      'kratix.promise.read',
      'kratix.promise.update',
      'kratix.workflow.logs.read',
      'kratix.workplacement.delete',
    ]);
  });
});
