import {
  actionContext,
  clientFactory,
  outputsOf,
  setupKratixApi,
} from '../__testUtils__/kratixApiMock';
import { createWorkPlacementsCleanupAction } from './cleanup';

const item = (
  name: string,
  destination: string,
  extra: Record<string, unknown> = {},
) => ({
  found: true,
  namespace: 'kratix-platform-system',
  name,
  uid: `uid-${name}`,
  resourceVersion: `rv-${name}`,
  generation: 3,
  destination,
  misplaced: true,
  blocked: false,
  files: { kind: 'removed', path: `destinations/${destination}/x/` },
  destroysFilesOf: [],
  afterDelete: { kind: 'not-recreated' },
  notes: [],
  ...extra,
});

const preflight = {
  platform: 'local',
  items: [
    item('wp-a', 'dev-1'),
    item('wp-b', 'dev-2', {
      blocked: true,
      blockReason: 'state store not Ready',
    }),
  ],
  deletable: 1,
  blocked: 1,
};

describe('kratix:workplacements:cleanup', () => {
  const api = setupKratixApi();
  const action = createWorkPlacementsCleanupAction({ client: clientFactory() });

  it('runs the preflight, then deletes exactly what it saw', async () => {
    api.route('POST', '/platforms/local/cleanup/preflight', () => preflight);
    api.route('POST', '/platforms/local/cleanup', () => ({
      platform: 'local',
      dryRun: false,
      results: [
        {
          namespace: 'kratix-platform-system',
          name: 'wp-a',
          destination: 'dev-1',
          promise: 'redis',
          outcome: 'deleted',
        },
        {
          namespace: 'kratix-platform-system',
          name: 'wp-b',
          destination: 'dev-2',
          promise: 'redis',
          outcome: 'refused',
          reason: 'blocked',
        },
      ],
      summary: { deleted: 1, refused: 1, failed: 0 },
    }));
    const ctx = actionContext({
      platform: 'local',
      promise: 'redis',
      destination: 'dev-1',
    });
    await action.handler(ctx);
    expect(api.requests.map(r => [r.path, r.body])).toEqual([
      [
        '/platforms/local/cleanup/preflight',
        { all: true, promise: 'redis', destination: 'dev-1' },
      ],
      [
        '/platforms/local/cleanup',
        {
          items: [
            {
              namespace: 'kratix-platform-system',
              name: 'wp-a',
              uid: 'uid-wp-a',
              generation: 3,
            },
            {
              namespace: 'kratix-platform-system',
              name: 'wp-b',
              uid: 'uid-wp-b',
              generation: 3,
            },
          ],
          force: false,
          dryRun: false,
        },
      ],
    ]);
    const out = outputsOf(ctx);
    expect(out.preflight).toEqual(preflight);
    expect(out.summary).toEqual({ deleted: 1, refused: 1, failed: 0 });
    expect(out.results.map((r: any) => r.outcome)).toEqual([
      'deleted',
      'refused',
    ]);
  });

  it('sends dryRun in dry-run mode and passes force', async () => {
    api.route('POST', '/platforms/local/cleanup/preflight', () => preflight);
    api.route('POST', '/platforms/local/cleanup', body => ({
      platform: 'local',
      dryRun: body.dryRun,
      results: [],
      summary: { deleted: 0, refused: 0, failed: 0 },
    }));
    await action.handler(
      actionContext(
        { platform: 'local', promise: 'redis', force: true },
        { isDryRun: true },
      ),
    );
    expect(api.requests[1].body).toMatchObject({ force: true, dryRun: true });
  });

  it('does not call cleanup when nothing is misplaced', async () => {
    api.route('POST', '/platforms/local/cleanup/preflight', () => ({
      platform: 'local',
      items: [],
      deletable: 0,
      blocked: 0,
    }));
    const ctx = actionContext({ platform: 'local', promise: 'redis' });
    await action.handler(ctx);
    expect(api.requests).toHaveLength(1);
    expect(outputsOf(ctx)).toMatchObject({
      results: [],
      summary: { deleted: 0, refused: 0, failed: 0 },
    });
  });

  it('fails when an item failed, listing it, after setting the outputs', async () => {
    api.route('POST', '/platforms/local/cleanup/preflight', () => preflight);
    api.route('POST', '/platforms/local/cleanup', () => ({
      platform: 'local',
      dryRun: false,
      results: [
        {
          namespace: 'kratix-platform-system',
          name: 'wp-a',
          destination: 'dev-1',
          outcome: 'failed',
          reason: 'etcd timeout',
        },
        {
          namespace: 'kratix-platform-system',
          name: 'wp-b',
          destination: 'dev-2',
          outcome: 'refused',
          reason: 'blocked',
        },
      ],
      summary: { deleted: 0, refused: 1, failed: 1 },
    }));
    const ctx = actionContext({ platform: 'local', promise: 'redis' });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Cleanup of Promise redis (platform local): 1 of 2 WorkPlacement(s) failed: kratix-platform-system/wp-a on dev-1: etcd timeout',
    );
    expect(outputsOf(ctx).summary).toEqual({
      deleted: 0,
      refused: 1,
      failed: 1,
    });
  });

  it("fails with the backend's message when not allowed", async () => {
    api.route('POST', '/platforms/local/cleanup/preflight', () => preflight);
    api.route('POST', '/platforms/local/cleanup', () =>
      api.error(
        403,
        'NotAllowedError',
        'kratix.workplacement.delete is not allowed on Promise(s) redis for user:default/mock',
      ),
    );
    await expect(
      action.handler(actionContext({ platform: 'local', promise: 'redis' })),
    ).rejects.toThrow(
      'kratix.workplacement.delete is not allowed on Promise(s) redis for user:default/mock',
    );
  });

  it('checks names first', async () => {
    await expect(
      action.handler(
        actionContext({
          platform: 'local',
          promise: 'redis',
          destination: 'Dev 1',
        }),
      ),
    ).rejects.toThrow('destination: "Dev 1" is not a valid Destination name');
    expect(api.requests).toEqual([]);
  });
});
