import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import { KratixApiClient } from './KratixApiClient';

const BASE = 'http://backstage.test/api/kratix';

describe('KratixApiClient', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = new KratixApiClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  /** Answers every request with `body` and records the URLs asked for. */
  function recordGets(body: Record<string, unknown> = {}) {
    const urls: string[] = [];
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        urls.push(request.url.slice(BASE.length));
        return HttpResponse.json(body);
      }),
    );
    return urls;
  }

  function recordPosts(body: Record<string, unknown> = {}) {
    const calls: Array<{ path: string; body: unknown; type: string | null }> =
      [];
    server.use(
      http.post(`${BASE}/*`, async ({ request }) => {
        calls.push({
          path: request.url.slice(BASE.length),
          body: await request.json(),
          type: request.headers.get('content-type'),
        });
        return HttpResponse.json(body);
      }),
    );
    return calls;
  }

  it('reads the backend health', async () => {
    server.use(
      http.get(`${BASE}/health`, () => HttpResponse.json({ status: 'ok' })),
    );
    await expect(client.health()).resolves.toEqual({ status: 'ok' });
  });

  it('builds the read URLs', async () => {
    const urls = recordGets({ items: [] });
    await client.listPlatforms();
    await client.listPromises('prod');
    await client.listPromises('prod', { allowStale: true });
    await client.getPromise('prod', 'postgresql');
    await client.getPromiseManifest('prod', 'postgresql');
    await client.getPromiseTargeting('prod', 'postgresql');
    await client.getPromiseWorks('prod', 'postgresql', { allowStale: true });
    await client.getMatrix('prod');
    await client.getHistory('prod', 'postgresql');
    await client.getPromise('prod', 'a/b');
    await client.getRevision('prod');
    await client.listWorkflowRuns('prod', 'postgresql');
    await client.listWorkflowRuns('prod', 'postgresql', {
      namespace: 'team a',
      name: 'db',
    });
    await client.readWorkflowLog(
      'prod',
      'postgresql',
      { namespace: 'kratix-platform-system', jobName: 'configure-1' },
      'work-creator',
    );
    expect(urls).toEqual([
      '/platforms',
      '/platforms/prod/promises',
      '/platforms/prod/promises?allowStale=true',
      '/platforms/prod/promises/postgresql',
      '/platforms/prod/promises/postgresql/manifest',
      '/platforms/prod/promises/postgresql/targeting',
      '/platforms/prod/promises/postgresql/works?allowStale=true',
      '/platforms/prod/matrix',
      '/platforms/prod/promises/postgresql/history',
      '/platforms/prod/promises/a%2Fb',
      '/platforms/prod/revision',
      '/platforms/prod/promises/postgresql/workflows',
      '/platforms/prod/promises/postgresql/workflows?resource=team+a%2Fdb',
      '/platforms/prod/promises/postgresql/workflows/kratix-platform-system/configure-1/logs?container=work-creator',
    ]);
  });

  it('passes the misplaced filters as query parameters', async () => {
    const urls = recordGets({ items: [], total: 0, offset: 0, limit: 25 });
    await client.listMisplaced('prod', {
      promise: 'redis',
      destination: 'worker-1',
      namespace: 'team-a',
      kind: 'resource',
      stillMatches: false,
      destinationExists: true,
      label: 'legacy',
      search: 'my db',
      sort: 'name',
      offset: 50,
      limit: 25,
      allowStale: true,
    });
    await client.listPromiseMisplaced('prod', 'redis', {});
    await client.listPromiseMisplaced('prod', 'redis', {
      search: '',
      sort: 'age',
      offset: 0,
    });

    const first = new URL(`http://x${urls[0]}`);
    expect(first.pathname).toBe('/platforms/prod/misplaced');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      promise: 'redis',
      destination: 'worker-1',
      namespace: 'team-a',
      kind: 'resource',
      stillMatches: 'false',
      destinationExists: 'true',
      label: 'legacy',
      search: 'my db',
      sort: 'name',
      offset: '50',
      limit: '25',
      allowStale: 'true',
    });
    expect(urls[1]).toBe('/platforms/prod/promises/redis/misplaced');
    expect(urls[2]).toBe(
      '/platforms/prod/promises/redis/misplaced?sort=age&offset=0',
    );
  });

  it('posts the write requests as JSON', async () => {
    const calls = recordPosts({ ok: true });
    await client.updatePromise('prod', 'redis', {
      resourceVersion: '42',
      specPatch: { destinationSelectors: [] },
      dryRun: true,
    });
    await client.previewPromise('prod', 'redis', { specPatch: { a: 1 } });
    await client.cleanupPreflight('prod', { all: true, promise: 'redis' });
    await client.cleanup('prod', {
      items: [{ namespace: 'ns', name: 'wp' }],
      force: true,
    });
    expect(calls).toEqual([
      {
        path: '/platforms/prod/promises/redis/update',
        body: {
          resourceVersion: '42',
          specPatch: { destinationSelectors: [] },
          dryRun: true,
        },
        type: 'application/json',
      },
      {
        path: '/platforms/prod/promises/redis/preview',
        body: { specPatch: { a: 1 } },
        type: 'application/json',
      },
      {
        path: '/platforms/prod/cleanup/preflight',
        body: { all: true, promise: 'redis' },
        type: 'application/json',
      },
      {
        path: '/platforms/prod/cleanup',
        body: { items: [{ namespace: 'ns', name: 'wp' }], force: true },
        type: 'application/json',
      },
    ]);
  });

  it.each([
    [503, 'ServiceUnavailableError', 'Kratix platform "prod" is unreachable'],
    [409, 'ConflictError', 'the Promise changed since it was loaded'],
    [400, 'InputError', 'spec.destinationSelectors: Invalid value'],
    [404, 'NotFoundError', 'no Promise redis'],
  ])(
    'maps a %s answer to a ResponseError with the backend message',
    async (status, name, message) => {
      server.use(
        http.all(`${BASE}/*`, () =>
          HttpResponse.json({ error: { name, message } }, { status }),
        ),
      );
      for (const call of [
        () => client.getPromiseTargeting('prod', 'redis'),
        () =>
          client.updatePromise('prod', 'redis', {
            resourceVersion: '1',
            specPatch: {},
          }),
      ]) {
        const error = await call().catch(e => e);
        expect(ResponseError.is(error)).toBe(true);
        expect(error.statusCode).toBe(status);
        expect(error.cause.name).toBe(name);
        expect(error.cause.message).toBe(message);
        // The message says why, for logs and scaffolder task failures.
        expect(error.message).toBe(message);
      }
    },
  );

  it('sends the token of its token source with every request', async () => {
    const auth: Array<string | null> = [];
    server.use(
      http.all(`${BASE}/*`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        return HttpResponse.json({ items: [] });
      }),
    );
    let n = 0;
    const withToken = new KratixApiClient({
      discoveryApi: {
        getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
      },
      getToken: async () => `token-${++n}`,
    });
    await withToken.listPlatforms();
    await withToken.cleanupPreflight('prod', { all: true });
    await client.listPlatforms();
    expect(auth).toEqual(['Bearer token-1', 'Bearer token-2', null]);
  });

  it('names the status and the body when the answer is no Backstage error', async () => {
    server.use(
      http.get(
        `${BASE}/platforms`,
        () =>
          new HttpResponse('upstream down', {
            status: 502,
            statusText: 'Bad Gateway',
          }),
      ),
    );
    const error = await client.listPlatforms().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(502);
    expect(error.message).toBe(
      'Kratix backend answered 502 Bad Gateway: upstream down',
    );
  });

  it('says where it could not connect', async () => {
    server.use(http.get(`${BASE}/platforms`, () => HttpResponse.error()));
    await expect(client.listPlatforms()).rejects.toThrow(
      /^cannot reach the Kratix backend at http:\/\/backstage\.test\/api\/kratix\/platforms/,
    );
  });

  describe('cleanupWithProgress', () => {
    const lines = [
      { namespace: 'ns', name: 'a', outcome: 'deleted' },
      { namespace: 'ns', name: 'b', outcome: 'refused', reason: 'blocked' },
      { namespace: 'ns', name: 'c', outcome: 'failed', reason: 'boom' },
    ];

    function streamOf(chunks: string[]) {
      const encoder = new TextEncoder();
      return new ReadableStream({
        start(controller) {
          chunks.forEach(c => controller.enqueue(encoder.encode(c)));
          controller.close();
        },
      });
    }

    it('asks for ndjson and reports each streamed result', async () => {
      let accept: string | null = null;
      let sent: unknown;
      const text = `${lines
        .map(l => JSON.stringify(l))
        .join('\n')}\n${JSON.stringify({
        summary: { deleted: 1, refused: 1, failed: 1 },
      })}\n`;
      // Split in odd places so lines cross chunk boundaries.
      const chunks = [text.slice(0, 7), text.slice(7, 60), text.slice(60)];
      server.use(
        http.post(`${BASE}/platforms/prod/cleanup`, async ({ request }) => {
          accept = request.headers.get('accept');
          sent = await request.json();
          return new HttpResponse(streamOf(chunks), {
            headers: { 'Content-Type': 'application/x-ndjson' },
          });
        }),
      );

      const progress: Array<[string, number]> = [];
      const result = await client.cleanupWithProgress(
        'prod',
        { all: true, promise: 'redis' },
        (r, done) => progress.push([r.name, done]),
      );

      expect(accept).toBe('application/x-ndjson');
      expect(sent).toEqual({ all: true, promise: 'redis' });
      expect(progress).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]);
      expect(result).toEqual({
        platform: 'prod',
        dryRun: false,
        results: lines,
        summary: { deleted: 1, refused: 1, failed: 1 },
      });
    });

    it('counts the outcomes when the stream has no summary line', async () => {
      server.use(
        http.post(
          `${BASE}/platforms/prod/cleanup`,
          () =>
            new HttpResponse(
              streamOf([lines.map(l => JSON.stringify(l)).join('\n')]),
              { headers: { 'Content-Type': 'application/x-ndjson' } },
            ),
        ),
      );
      const result = await client.cleanupWithProgress('prod', {}, () => {});
      expect(result.summary).toEqual({ deleted: 1, refused: 1, failed: 1 });
    });

    it('falls back to the JSON answer', async () => {
      const body = {
        platform: 'prod',
        dryRun: false,
        results: lines,
        summary: { deleted: 1, refused: 1, failed: 1 },
      };
      server.use(
        http.post(`${BASE}/platforms/prod/cleanup`, () =>
          HttpResponse.json(body),
        ),
      );
      const onProgress = jest.fn();
      await expect(
        client.cleanupWithProgress('prod', {}, onProgress),
      ).resolves.toEqual(body);
      expect(onProgress).toHaveBeenCalledTimes(3);
      expect(onProgress).toHaveBeenLastCalledWith(lines[2], 3);
    });

    it('rejects on an error line in the stream', async () => {
      server.use(
        http.post(
          `${BASE}/platforms/prod/cleanup`,
          () =>
            new HttpResponse(
              streamOf([
                `${JSON.stringify(lines[0])}\n`,
                `${JSON.stringify({
                  error: { name: 'Error', message: 'watch lost' },
                })}\n`,
              ]),
              { headers: { 'Content-Type': 'application/x-ndjson' } },
            ),
        ),
      );
      const onProgress = jest.fn();
      await expect(
        client.cleanupWithProgress('prod', {}, onProgress),
      ).rejects.toThrow('watch lost');
      expect(onProgress).toHaveBeenCalledTimes(1);
    });

    it('maps an error status before streaming', async () => {
      server.use(
        http.post(`${BASE}/platforms/prod/cleanup`, () =>
          HttpResponse.json(
            { error: { name: 'NotAllowedError', message: 'not allowed' } },
            { status: 403 },
          ),
        ),
      );
      const error = await client
        .cleanupWithProgress('prod', {}, () => {})
        .catch(e => e);
      expect(error.statusCode).toBe(403);
      expect(error.cause.message).toBe('not allowed');
    });
  });
});
