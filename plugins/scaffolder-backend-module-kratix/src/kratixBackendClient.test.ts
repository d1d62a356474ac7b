import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { HttpResponse, http } from 'msw';
import { setupKratixApi } from './__testUtils__/kratixApiMock';
import { KratixBackendClient, KratixBackendError } from './kratixBackendClient';

describe('KratixBackendClient', () => {
  const api = setupKratixApi();
  const client = () =>
    KratixBackendClient.forCredentials(
      { auth: mockServices.auth(), discovery: mockServices.discovery() },
      mockCredentials.user('user:default/jane'),
    );

  it('calls the kratix plugin with a token on behalf of the user', async () => {
    api.route('GET', '/platforms', () => ({ items: [{ name: 'local' }] }));
    await expect(client().listPlatforms()).resolves.toEqual({
      items: [{ name: 'local' }],
    });
    expect(api.requests).toHaveLength(1);
    const auth = api.requests[0].authorization!;
    expect(auth).toMatch(/^Bearer /);
    // mockServices.auth encodes who the token is for and on whose behalf.
    expect(auth).toContain('user:default/jane');
    expect(auth).toContain('kratix');
  });

  it('sends JSON bodies to the right routes', async () => {
    api.route('POST', '/platforms/local/promises/redis/update', body => ({
      echo: body,
    }));
    api.route('GET', '/platforms/local/promises/redis/manifest', () => ({
      kind: 'Promise',
    }));
    api.route('POST', '/platforms/local/cleanup/preflight', body => ({
      echo: body,
    }));
    const c = client();
    await expect(
      c.updatePromise('local', 'redis', {
        resourceVersion: '1',
        specPatch: {},
      }),
    ).resolves.toEqual({
      echo: { resourceVersion: '1', specPatch: {} },
    });
    await expect(c.getPromiseManifest('local', 'redis')).resolves.toEqual({
      kind: 'Promise',
    });
    await c.cleanupPreflight('local', { all: true, promise: 'redis' });
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /platforms/local/promises/redis/update',
      'GET /platforms/local/promises/redis/manifest',
      'POST /platforms/local/cleanup/preflight',
    ]);
  });

  it("turns an error answer into an Error with the backend's message", async () => {
    api.route('POST', '/platforms/local/promises/redis/update', () =>
      api.error(
        403,
        'NotAllowedError',
        'kratix.promise.update is not allowed on Promise redis for user:default/jane',
      ),
    );
    const err = await client()
      .updatePromise('local', 'redis', { resourceVersion: '1', specPatch: {} })
      .catch(e => e);
    expect(err).toBeInstanceOf(KratixBackendError);
    expect(err.message).toBe(
      'kratix.promise.update is not allowed on Promise redis for user:default/jane',
    );
    expect(err.status).toBe(403);
    expect(err.errorName).toBe('NotAllowedError');
  });

  it('names the status when the answer has no Backstage error body', async () => {
    api.server.use(
      http.get(
        '*/api/kratix/platforms',
        () =>
          new HttpResponse('upstream down', {
            status: 502,
            statusText: 'Bad Gateway',
          }),
      ),
    );
    await expect(client().listPlatforms()).rejects.toThrow(
      'Kratix backend answered 502 Bad Gateway: upstream down',
    );
  });

  it('says where it could not connect', async () => {
    api.server.use(
      http.get('*/api/kratix/platforms', () => HttpResponse.error()),
    );
    await expect(client().listPlatforms()).rejects.toThrow(
      /^cannot reach the Kratix backend at http:\/\/localhost:0\/api\/kratix\/platforms/,
    );
  });
});
