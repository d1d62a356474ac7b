import { createMockDirectory } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import {
  actionContext,
  clientFactory,
  outputsOf,
  promiseSummaryResponse,
  setupKratixApi,
} from '../__testUtils__/kratixApiMock';
import { createPromiseRenderAction } from './render';

const manifest = {
  apiVersion: 'platform.kratix.io/v1alpha1',
  kind: 'Promise',
  metadata: { name: 'redis', labels: { team: 'data' } },
  spec: {
    destinationSelectors: [{ matchLabels: { environment: 'dev' } }],
    dependencies: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'old' } },
    ],
    workflows: { promise: { configure: [] } },
  },
};

const dryRunAnswer = {
  platform: 'local',
  promise: 'redis',
  dryRun: true,
  changed: true,
  resourceVersion: '100',
  generation: 2,
  diff: '-      environment: dev\n+      environment: prod\n',
  effects: {
    promiseWorkflowRerun: false,
    resourceWorkflowsRerun: 0,
    message: '',
  },
};

describe('kratix:promise:render', () => {
  const api = setupKratixApi();
  const action = createPromiseRenderAction({ client: clientFactory() });
  const dir = createMockDirectory();

  beforeEach(() => {
    dir.clear();
    api.route('GET', '/platforms/local/promises/redis', () =>
      promiseSummaryResponse('redis', '100', 2),
    );
    api.route(
      'GET',
      '/platforms/local/promises/redis/manifest',
      () => manifest,
    );
  });

  it('writes the updated manifest and outputs the dry-run diff', async () => {
    api.route(
      'POST',
      '/platforms/local/promises/redis/update',
      () => dryRunAnswer,
    );
    const ctx = actionContext(
      {
        platform: 'local',
        promise: 'redis',
        destinationSelectors: [
          { environment: 'prod' },
          { matchLabels: { region: 'eu' } },
        ],
        targetPath: 'promises/redis.yaml',
      },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    const expectedSpec = {
      ...manifest.spec,
      destinationSelectors: [
        { matchLabels: { environment: 'prod' } },
        { matchLabels: { region: 'eu' } },
      ],
    };
    // The server-side dry run gets the whole rendered spec, at the version read first.
    expect(api.requests.map(r => [r.method, r.path])).toEqual([
      ['GET', '/platforms/local/promises/redis'],
      ['GET', '/platforms/local/promises/redis/manifest'],
      ['POST', '/platforms/local/promises/redis/update'],
    ]);
    expect(api.requests[2].body).toEqual({
      resourceVersion: '100',
      generation: 2,
      spec: expectedSpec,
      dryRun: true,
    });
    const written = dir.content()!.promises as Record<string, string>;
    expect(parse(written['redis.yaml'])).toEqual({
      ...manifest,
      spec: expectedSpec,
    });
    const out = outputsOf(ctx);
    expect(out.path).toBe('promises/redis.yaml');
    expect(parse(out.manifest)).toEqual({ ...manifest, spec: expectedSpec });
    expect(out.diff).toBe(dryRunAnswer.diff);
    expect(out.changed).toBe(true);
  });

  it('replaces dependencies from YAML text and defaults to promise.yaml; also in dry-run mode', async () => {
    api.route(
      'POST',
      '/platforms/local/promises/redis/update',
      () => dryRunAnswer,
    );
    const ctx = actionContext(
      {
        platform: 'local',
        promise: 'redis',
        dependencies:
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: new\n',
      },
      { workspacePath: dir.path, isDryRun: true },
    );
    await action.handler(ctx);
    const written = parse((dir.content() as any)['promise.yaml']);
    expect(written.spec.dependencies).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new' } },
    ]);
    expect(written.spec.destinationSelectors).toEqual(
      manifest.spec.destinationSelectors,
    );
  });

  it('fails with the apiserver message when the dry run refuses the manifest, writing nothing', async () => {
    api.route('POST', '/platforms/local/promises/redis/update', () =>
      api.error(
        400,
        'InputError',
        'dry-run update Promise redis on platform local: Promise.platform.kratix.io "redis" is invalid: spec.dependencies[0]',
      ),
    );
    const ctx = actionContext(
      {
        platform: 'local',
        promise: 'redis',
        specPatch: { dependencies: [{ apiVersion: 'v1', kind: 'X', spec: 1 }] },
      },
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'is invalid: spec.dependencies[0]',
    );
    expect(dir.content()).toEqual({});
  });

  it('refuses a target path outside the workspace', async () => {
    const ctx = actionContext(
      {
        platform: 'local',
        promise: 'redis',
        destinationSelectors: [],
        targetPath: '../escape.yaml',
      },
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'targetPath: "../escape.yaml" is outside the workspace',
    );
    expect(api.requests).toEqual([]);
  });
});
