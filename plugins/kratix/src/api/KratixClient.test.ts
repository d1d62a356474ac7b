import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import { KratixClient } from './KratixClient';

describe('KratixClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new KratixClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  it('reads the backend health', async () => {
    server.use(
      http.get('http://backstage.test/api/kratix/health', () =>
        HttpResponse.json({ status: 'ok' }),
      ),
    );

    await expect(client.health()).resolves.toEqual({ status: 'ok' });
  });

  it('throws a ResponseError on failure', async () => {
    server.use(
      http.get('http://backstage.test/api/kratix/health', () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'boom' } },
          { status: 500 },
        ),
      ),
    );

    await expect(client.health()).rejects.toMatchObject({
      name: 'ResponseError',
    });
  });
});
