import {
  actionContext,
  clientFactory,
  outputsOf,
  setupKratixApi,
} from '../__testUtils__/kratixApiMock';
import { createPromisePreviewAction } from './preview';

const previewAnswer = {
  kind: 'promise',
  generation: 'v0.125',
  promise: 'redis',
  changed: true,
  summary: {
    destinationsGained: 1,
    destinationsLost: 2,
    workPlacementsMisplaced: 2,
    workflowsRerun: 0,
  },
  warnings: [
    { code: 'selector-conflict', message: 'two entries set environment' },
  ],
  promises: [],
  matchChanges: [],
  groups: [],
  groupsOmitted: 0,
  notes: [],
  markdown: '**Promise redis**: gains prod-1, loses dev-1, dev-2',
};

describe('kratix:promise:preview', () => {
  const api = setupKratixApi();
  const action = createPromisePreviewAction({ client: clientFactory() });

  it('posts the change as a merge patch and outputs the preview', async () => {
    api.route(
      'POST',
      '/platforms/local/promises/redis/preview',
      () => previewAnswer,
    );
    const ctx = actionContext({
      platform: 'local',
      promise: 'redis',
      destinationSelectors: [{ environment: 'prod' }],
      dependencies:
        '- apiVersion: v1\n  kind: Namespace\n  metadata: {name: r}\n',
    });
    await action.handler(ctx);
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/platforms/local/promises/redis/preview',
        body: {
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
            dependencies: [
              { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'r' } },
            ],
          },
        },
      }),
    ]);
    expect(outputsOf(ctx)).toEqual({
      markdown: previewAnswer.markdown,
      summary: previewAnswer.summary,
      warnings: previewAnswer.warnings,
      changed: true,
      preview: previewAnswer,
    });
  });

  it('defaults to the first platform, or "default" when there is none', async () => {
    api.route('GET', '/platforms', () => ({
      items: [{ name: 'eu' }, { name: 'us' }],
    }));
    api.route(
      'POST',
      '/platforms/:p/promises/redis/preview',
      () => previewAnswer,
    );
    await action.handler(
      actionContext({ promise: 'redis', specPatch: { dependencies: [] } }),
    );
    expect(api.requests.map(r => r.path)).toEqual([
      '/platforms',
      '/platforms/eu/promises/redis/preview',
    ]);

    api.route('GET', '/platforms', () => ({ items: [] }));
    await action.handler(
      actionContext({ promise: 'redis', specPatch: { dependencies: [] } }),
    );
    expect(api.requests.map(r => r.path).slice(2)).toEqual([
      '/platforms',
      '/platforms/default/promises/redis/preview',
    ]);
  });

  it('runs in dry-run mode: it changes nothing', async () => {
    expect(action.supportsDryRun).toBe(true);
    api.route(
      'POST',
      '/platforms/local/promises/redis/preview',
      () => previewAnswer,
    );
    const ctx = actionContext(
      { platform: 'local', promise: 'redis', destinationSelectors: [{}] },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(outputsOf(ctx).markdown).toBe(previewAnswer.markdown);
  });

  it('refuses bad input before calling the backend', async () => {
    await expect(
      action.handler(
        actionContext({
          platform: 'local',
          promise: 'redis',
          destinationSelectors: [{ environment: 'dev,x!=y' }],
        }),
      ),
    ).rejects.toThrow(
      'invalid destinationSelectors: destinationSelectors[0]: environment: label value "dev,x!=y"',
    );
    await expect(
      action.handler(
        actionContext({
          platform: 'local',
          promise: 'Redis!',
          destinationSelectors: [],
        }),
      ),
    ).rejects.toThrow('promise: "Redis!" is not a valid Promise name');
    await expect(
      action.handler(actionContext({ platform: 'local', promise: 'redis' })),
    ).rejects.toThrow('nothing to change');
    await expect(
      action.handler(
        actionContext({
          platform: 'EU_1',
          promise: 'redis',
          destinationSelectors: [],
        }),
      ),
    ).rejects.toThrow('platform: "EU_1" is not a valid platform name');
    expect(api.requests).toEqual([]);
  });

  it("fails with the backend's message", async () => {
    api.route('POST', '/platforms/local/promises/nope/preview', () =>
      api.error(
        404,
        'NotFoundError',
        'Promise "nope" not found on platform local',
      ),
    );
    await expect(
      action.handler(
        actionContext({
          platform: 'local',
          promise: 'nope',
          destinationSelectors: [],
        }),
      ),
    ).rejects.toThrow('Promise "nope" not found on platform local');
  });

  it('declares JSON-schema inputs and outputs', () => {
    const input = action.schema?.input as any;
    expect(input.required).toEqual(['promise']);
    expect(Object.keys(input.properties)).toEqual([
      'platform',
      'promise',
      'destinationSelectors',
      'dependencies',
      'specPatch',
    ]);
    for (const p of Object.values<any>(input.properties))
      expect(p.description).toBeTruthy();
    expect(Object.keys((action.schema?.output as any).properties)).toEqual([
      'markdown',
      'summary',
      'warnings',
      'changed',
      'preview',
    ]);
  });
});
