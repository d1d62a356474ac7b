import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { registerRevisionRoute } from './revisionRoute';
import {
  PlatformCache,
  PlatformRegistry,
} from '@kratix-backstage/plugin-kratix-node/testUtils';

function setup(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const logger = mockServices.logger.mock();
  const cache = new PlatformCache({ platform: 'dev' } as any, logger);
  const registry = PlatformRegistry.fromPlatforms(
    [{ config: { name: 'dev' }, client: {}, cache } as any],
    logger,
  );
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async () => [{ result }]) as any,
  });
  const router = Router();
  registerRevisionRoute(router, {
    registry,
    httpAuth: mockServices.httpAuth(),
    permissions,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, cache, permissions };
}

describe('GET /platforms/:platform/revision', () => {
  it('changes when a cached object changes, and only then', async () => {
    const { app, cache } = setup();
    const first = await request(app).get('/platforms/dev/revision');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      platform: 'dev',
      synced: false,
      connected: false,
    });
    expect(first.headers['cache-control']).toBe('no-store');

    const same = await request(app).get('/platforms/dev/revision');
    expect(same.body.revision).toBe(first.body.revision);

    cache.destinations.upsert({ name: 'dev-1', labels: {} } as any);
    const changed = await request(app).get('/platforms/dev/revision');
    expect(changed.body.revision).not.toBe(first.body.revision);
  });

  it('needs kratix.promise.read', async () => {
    const { app, permissions } = setup(AuthorizeResult.DENY);
    const res = await request(app)
      .get('/platforms/dev/revision')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'kratix.promise.read' }),
        },
      ],
      expect.anything(),
    );
  });

  it('answers 404 for an unknown platform and 400 for unknown query parameters', async () => {
    const { app } = setup();
    expect((await request(app).get('/platforms/prod/revision')).status).toBe(
      404,
    );
    expect((await request(app).get('/platforms/dev/revision?x=1')).status).toBe(
      400,
    );
  });
});
