/*
 * The Kratix backend's HTTP API for unit tests: msw handlers under <discovery base>/api/kratix,
 * every request recorded (method, path, body, Authorization), and an action context whose client
 * goes through mockServices.auth + mockServices.discovery like the real module.
 */
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { kratixBackendClientFactory } from '../kratixBackendClient';

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
  authorization: string | null;
}

export type Responder = (
  body: any,
  path: string,
) => { status?: number; json: unknown } | unknown;

/** Starts msw for the test file; returns the recorder and route setup. */
export function setupKratixApi() {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: RecordedRequest[] = [];
  beforeEach(() => {
    requests.length = 0;
  });

  const route = (method: 'GET' | 'POST', path: string, respond: Responder) => {
    const handler = method === 'GET' ? http.get : http.post;
    server.use(
      handler(`*/api/kratix${path}`, async ({ request }) => {
        const url = new URL(request.url);
        const body = method === 'POST' ? await request.json() : undefined;
        const p = url.pathname.replace(/^\/api\/kratix/, '');
        requests.push({
          method,
          path: p,
          body,
          authorization: request.headers.get('authorization'),
        });
        const r: any = respond(body, p);
        if (r && typeof r === 'object' && 'json' in r) {
          return HttpResponse.json(r.json as any, { status: r.status ?? 200 });
        }
        return HttpResponse.json(r as any);
      }),
    );
  };

  /** A backend error answer, shaped like Backstage's error middleware writes it. */
  const error = (status: number, name: string, message: string) => ({
    status,
    json: {
      error: { name, message },
      request: { method: 'POST', url: '/' },
      response: { statusCode: status },
    },
  });

  return { server, requests, route, error };
}

export const clientFactory = () =>
  kratixBackendClientFactory({
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
  });

/** An action context as the scaffolder gives it; `isDryRun` is set on top (the mock ignores it). */
export function actionContext(
  input: Record<string, unknown>,
  opts: { isDryRun?: boolean; workspacePath?: string } = {},
) {
  const ctx = createMockActionContext({
    input: input as any,
    workspacePath: opts.workspacePath,
  });
  return { ...ctx, isDryRun: opts.isDryRun } as any;
}

/** The outputs an action set, by name. */
export function outputsOf(ctx: { output: jest.Mock }): Record<string, any> {
  return Object.fromEntries(
    ctx.output.mock.calls.map(([k, v]: [string, unknown]) => [k, v]),
  );
}

export const promiseSummaryResponse = (
  name: string,
  resourceVersion = '100',
  generation = 2,
) => ({
  platform: 'local',
  generation: 'v0.125',
  stale: false,
  promise: {
    name,
    uid: 'uid-1',
    resourceVersion,
    generation,
    deleting: false,
    labels: {},
    annotations: {},
    selectors: { entries: [], matchLabels: {}, entryOf: {}, conflicts: [] },
    targetedDestinations: ['dev-1', 'dev-2'],
    works: 1,
    resources: 0,
    workPlacements: 2,
    misplaced: 0,
  },
});
