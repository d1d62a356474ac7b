import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { setupKratixApi } from './__testUtils__/kratixApiMock';
import { kratixBackendClientFactory } from './kratixBackendClient';

describe('kratixBackendClientFactory', () => {
  const api = setupKratixApi();
  const client = () =>
    kratixBackendClientFactory({
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
    })(mockCredentials.user('user:default/jane'));

  it('calls the kratix plugin with a token on behalf of the user', async () => {
    api.route('GET', '/platforms', () => ({ items: [{ name: 'local' }] }));
    api.route('POST', '/platforms/local/cleanup/preflight', () => ({
      items: [],
    }));
    const c = client();
    await expect(c.listPlatforms()).resolves.toEqual({
      items: [{ name: 'local' }],
    });
    await c.cleanupPreflight('local', { all: true, promise: 'redis' });
    expect(api.requests).toHaveLength(2);
    for (const request of api.requests) {
      const auth = request.authorization!;
      expect(auth).toMatch(/^Bearer /);
      // mockServices.auth encodes who the token is for and on whose behalf.
      expect(auth).toContain('user:default/jane');
      expect(auth).toContain('kratix');
    }
  });

  it("rejects an error answer with a ResponseError carrying the backend's message", async () => {
    const message =
      'kratix.promise.update is not allowed on Promise redis for user:default/jane';
    api.route('POST', '/platforms/local/promises/redis/update', () =>
      api.error(403, 'NotAllowedError', message),
    );
    const err = await client()
      .updatePromise('local', 'redis', { resourceVersion: '1', specPatch: {} })
      .catch(e => e);
    expect(ResponseError.is(err)).toBe(true);
    expect(err.statusCode).toBe(403);
    expect(err.cause.name).toBe('NotAllowedError');
    expect(err.message).toBe(message);
  });
});
