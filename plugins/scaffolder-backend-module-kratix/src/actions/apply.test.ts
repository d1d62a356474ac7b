import {
  actionContext,
  clientFactory,
  outputsOf,
  promiseSummaryResponse,
  setupKratixApi,
} from '../__testUtils__/kratixApiMock';
import { createPromiseApplyAction } from './apply';

const updateAnswer = (dryRun: boolean) => ({
  platform: 'local',
  promise: 'redis',
  dryRun,
  changed: true,
  resourceVersion: dryRun ? '100' : '105',
  generation: dryRun ? 2 : 3,
  diff: '-      environment: dev\n+      environment: prod\n',
  effects: {
    promiseWorkflowRerun: false,
    resourceWorkflowsRerun: 0,
    message: 'Kratix re-applies the Promise.',
  },
});

describe('kratix:promise:apply', () => {
  const api = setupKratixApi();
  const action = createPromiseApplyAction({ client: clientFactory() });

  beforeEach(() => {
    api.route('GET', '/platforms/local/promises/redis', () =>
      promiseSummaryResponse('redis', '100', 2),
    );
  });

  it('updates with the version read at the start, inside a checkpoint', async () => {
    api.route('POST', '/platforms/local/promises/redis/update', () =>
      updateAnswer(false),
    );
    const ctx = actionContext({
      platform: 'local',
      promise: 'redis',
      destinationSelectors: [{ environment: 'prod' }],
    });
    const checkpoint = jest.spyOn(ctx, 'checkpoint');
    await action.handler(ctx);
    expect(api.requests.map(r => [r.method, r.path, r.body])).toEqual([
      ['GET', '/platforms/local/promises/redis', undefined],
      [
        'POST',
        '/platforms/local/promises/redis/update',
        {
          resourceVersion: '100',
          generation: 2,
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
          },
          dryRun: false,
        },
      ],
    ]);
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'kratix-promise-update-local-redis' }),
    );
    expect(outputsOf(ctx)).toEqual({
      diff: updateAnswer(false).diff,
      changed: true,
      resourceVersion: '105',
      generation: 3,
      dryRun: false,
      effects: updateAnswer(false).effects,
    });
  });

  it('does not send the update again when the checkpoint already holds its result', async () => {
    const ctx = actionContext({
      platform: 'local',
      promise: 'redis',
      destinationSelectors: [{ environment: 'prod' }],
    });
    ctx.checkpoint = async () => updateAnswer(false);
    await action.handler(ctx);
    expect(api.requests.map(r => r.path)).toEqual([
      '/platforms/local/promises/redis',
    ]);
    expect(outputsOf(ctx).resourceVersion).toBe('105');
  });

  it('sends a server-side dry run in dry-run mode', async () => {
    api.route('POST', '/platforms/local/promises/redis/update', () =>
      updateAnswer(true),
    );
    const ctx = actionContext(
      {
        platform: 'local',
        promise: 'redis',
        destinationSelectors: [{ environment: 'prod' }],
      },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(api.requests[1].body.dryRun).toBe(true);
    expect(outputsOf(ctx)).toMatchObject({
      dryRun: true,
      changed: true,
      resourceVersion: '100',
    });
  });

  it.each([
    [
      403,
      'NotAllowedError',
      'kratix.promise.update is not allowed on Promise redis for user:default/mock',
    ],
    [
      409,
      'ConflictError',
      'Promise redis changed since it was loaded: you sent resourceVersion 100',
    ],
    [
      400,
      'InputError',
      'dry-run update Promise redis on platform local: spec.dependencies: Invalid value',
    ],
  ])('fails with the backend message on %s', async (status, name, message) => {
    api.route('POST', '/platforms/local/promises/redis/update', () =>
      api.error(status, name, message),
    );
    const ctx = actionContext({
      platform: 'local',
      promise: 'redis',
      destinationSelectors: [{ environment: 'prod' }],
    });
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses a malformed selector without calling the backend', async () => {
    await expect(
      action.handler(
        actionContext({
          platform: 'local',
          promise: 'redis',
          destinationSelectors: [{ environment: 'dev,x!=y' }],
        }),
      ),
    ).rejects.toThrow('label value "dev,x!=y"');
    expect(api.requests).toEqual([]);
  });
});
