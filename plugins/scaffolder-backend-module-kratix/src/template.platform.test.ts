/*
 * The example template (this package's templates/kratix-promise-change) end to end against the REAL local Kratix
 * platform: the real scaffolder, catalog (with the Kratix entity provider and the template as a
 * file location), the Kratix backend plugin and this module in one test backend. Tasks are created
 * through the scaffolder API as a user; the actions reach the Kratix backend over HTTP on that
 * user's behalf. Run with `npm run -s test:platform` (the platform must be up).
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleKratix from '@kratix-backstage/plugin-catalog-backend-module-kratix';
// The test wires the real Kratix backend plugin next to the scaffolder: the actions call it over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import { kratixPlatformsServiceRef } from '@kratix-backstage/plugin-kratix-node';
import {
  applyPromise,
  deletePromise,
  getPromise,
  isMisplaced,
  isWritten,
  platformKubeconfigPath,
  promiseManifest,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleKratix } from './module';
import {
  PlatformRegistry,
  readPlatformConfigs,
} from '@kratix-backstage/plugin-kratix-node/testUtils';

const TEMPLATE_FILE = resolve(
  __dirname,
  '../templates/kratix-promise-change/template.yaml',
);
const TEMPLATE_REF = 'template:default/kratix-promise-change';
/** A user who may read Promises but not update them (the permission mock below). */
const ALICE = 'user:default/alice';

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

interface TaskRun {
  id: string;
  status: string;
  output: any;
  /** Every event message of the task, in order. */
  messages: string[];
}

describe('kratix-promise-change template (real platform, real scaffolder and catalog)', () => {
  let backend: Backend;
  let registry: PlatformRegistry;
  const name = uniqueName('scaffold');
  const api = () => request(backend.server);

  beforeAll(async () => {
    const config = {
      kratix: {
        platforms: [
          { name: 'local', kubeconfig: { path: platformKubeconfigPath() } },
        ],
      },
      catalog: {
        rules: [
          {
            allow: [
              'Component',
              'Resource',
              'Template',
              'Location',
              'User',
              'Group',
            ],
          },
        ],
        locations: [
          {
            type: 'file',
            target: TEMPLATE_FILE,
            rules: [{ allow: ['Template'] }],
          },
        ],
      },
    };
    registry = new PlatformRegistry(
      readPlatformConfigs(new ConfigReader(config)),
      mockServices.rootLogger(),
    );
    await registry.start();
    await waitFor(
      'platform cache synced',
      30_000,
      () => registry.get('local').cache.status().synced,
    );

    // Everything is allowed, except kratix.promise.update for alice.
    const decide = (requests: any[], options: any) =>
      requests.map(r => ({
        result:
          r.permission.name === 'kratix.promise.update' &&
          options?.credentials?.principal?.userEntityRef === ALICE
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    const permissions = mockServices.permissions.mock({
      authorize: async (requests: any[], options: any) =>
        decide(requests, options) as any,
      authorizeConditional: async (requests: any[], options: any) =>
        decide(requests, options) as any,
    });

    backend = await startTestBackend({
      features: [
        kratixBackendPlugin,
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleKratix,
        scaffolderPlugin,
        scaffolderModuleKratix,
        mockServices.rootConfig.factory({ data: config }),
        permissions.factory,
        createServiceFactory({
          service: kratixPlatformsServiceRef,
          deps: {},
          factory: () => registry,
        }),
      ],
    });

    await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
    await waitFor(
      'a WorkPlacement on each dev Destination, written',
      60_000,
      async () => {
        const wps = await workPlacementsOf(name);
        return wps.length === 2 && wps.every(isWritten);
      },
    );
    await waitFor(
      'the template and the Promise entity in the catalog',
      90_000,
      async () => {
        const [template, entity] = await Promise.all([
          api().get(
            '/api/catalog/entities/by-name/template/default/kratix-promise-change',
          ),
          api().get(`/api/catalog/entities/by-name/component/default/${name}`),
        ]);
        return template.status === 200 && entity.status === 200;
      },
    );
    // The backend's cache has both WorkPlacements too (the preview reads the cache).
    await waitFor(
      'the WorkPlacements in the Kratix backend',
      30_000,
      async () => {
        const res = await api().get(
          `/api/kratix/platforms/local/promises/${name}`,
        );
        return res.body?.promise?.workPlacements === 2;
      },
    );
  });

  afterAll(async () => {
    await deletePromise(name).catch(() => undefined);
    await backend?.stop();
    registry?.stop();
  });

  const values = (overrides: Record<string, unknown> = {}) => ({
    promise: `component:default/${name}`,
    destinationSelectors: [{ environment: 'prod' }],
    mode: 'apply',
    ...overrides,
  });

  /** Creates a task from the registered template as `user` and waits until it ends. */
  async function runTask(
    taskValues: Record<string, unknown>,
    user = 'user:default/mock',
  ): Promise<TaskRun> {
    const auth = mockCredentials.user.header(user);
    const created = await api()
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef: TEMPLATE_REF, values: taskValues });
    expect(created.status).toBe(201);
    const id = created.body.id;
    let status = '';
    await waitFor(`task ${id} to end`, 120_000, async () => {
      const res = await api()
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', auth);
      status = res.body.status;
      return ['completed', 'failed', 'cancelled'].includes(status);
    });
    const events = await api()
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('Authorization', auth);
    const completion = events.body.find((e: any) => e.type === 'completion');
    return {
      id,
      status,
      output: completion?.body?.output,
      messages: events.body.map((e: any) => String(e.body?.message ?? '')),
    };
  }

  /** The template file itself, run through the scaffolder's dry-run API. */
  async function dryRun(taskValues: Record<string, unknown>) {
    const template = parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    return api()
      .post('/api/scaffolder/v2/dry-run')
      .send({ template, values: taskValues, directoryContents: [] });
  }

  /** WorkPlacements the preview markdown lists as "Marked misplaced": `namespace/name` on destination. */
  function predictedMisplaced(markdown: string): string[] {
    const line = markdown.split('\n').find(l => l.includes('Marked misplaced'));
    if (!line) return [];
    return [...line.matchAll(/`([^`]+)` on ([\w.-]+)/g)]
      .map(m => `${m[1]} on ${m[2]}`)
      .sort();
  }

  async function snapshot() {
    const p = await getPromise(name);
    return { generation: p.metadata.generation, spec: p.spec };
  }

  it('refuses bad input and a user without permission, leaving the Promise unchanged', async () => {
    const before = await snapshot();

    // A malformed selector: the preview step fails before anything is sent to the cluster.
    const malformed = await runTask(
      values({ destinationSelectors: [{ environment: 'dev,x!=y' }] }),
    );
    expect(malformed.status).toBe('failed');
    expect(malformed.messages.join('\n')).toContain(
      'invalid destinationSelectors: destinationSelectors[0]: environment: label value "dev,x!=y"',
    );

    // Alice may preview (kratix.promise.read) but not apply (kratix.promise.update): the Kratix
    // backend checks her permission, because the action calls it on her behalf.
    const denied = await runTask(values(), ALICE);
    expect(denied.status).toBe('failed');
    expect(denied.messages.join('\n')).toContain(
      `kratix.promise.update is not allowed on Promise ${name} for ${ALICE}`,
    );

    // An unknown Promise (the template's steps, inline, for a Promise that does not exist).
    const template = parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    const unknownTemplate = {
      ...template,
      spec: {
        ...template.spec,
        parameters: [],
        steps: [
          {
            id: 'apply',
            action: 'kratix:promise:apply',
            input: {
              platform: 'local',
              promise: `${name}-missing`,
              destinationSelectors: [{ environment: 'prod' }],
            },
          },
        ],
        output: {},
      },
    };
    const unknown = await api()
      .post('/api/scaffolder/v2/dry-run')
      .send({ template: unknownTemplate, values: {}, directoryContents: [] });
    expect(unknown.body.error.message).toBe(
      `Promise "${name}-missing" not found on platform local`,
    );

    expect(await snapshot()).toEqual(before);
  });

  it('dry-runs the template: preview, a server-side dry run of the apply and of the rendered manifest', async () => {
    const before = await snapshot();

    const applyDry = await dryRun(values());
    expect(applyDry.status).toBe(200);
    const [whatKratixDoes, specChange] = applyDry.body.output.text;
    expect(whatKratixDoes.title).toBe('What Kratix will do');
    expect(whatKratixDoes.content).toContain(
      `What-if: Promise \`${name}\` spec change`,
    );
    expect(specChange.content).toContain('-      environment: dev');
    expect(specChange.content).toContain('+      environment: prod');

    // Pull-request mode: the rendered manifest is in the workspace; its diff comes from the
    // apiserver's dry run, so the manifest passed validation.
    const renderDry = await dryRun(
      values({ mode: 'pull-request', targetPath: 'promises/promise.yaml' }),
    );
    expect(renderDry.status).toBe(200);
    const file = renderDry.body.directoryContents.find(
      (f: any) => f.path === 'promises/promise.yaml',
    );
    const rendered = parse(
      Buffer.from(file.base64Content, 'base64').toString('utf8'),
    );
    expect(rendered).toEqual({
      apiVersion: 'platform.kratix.io/v1alpha1',
      kind: 'Promise',
      metadata: { name },
      spec: {
        ...before.spec,
        destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
      },
    });
    expect(renderDry.body.output.text[1].content).toContain(
      '+      environment: prod',
    );

    expect(await snapshot()).toEqual(before);
  });

  it('renders the manifest in a real task (pull-request mode) without changing the Promise', async () => {
    const before = await snapshot();
    const run = await runTask(values({ mode: 'pull-request' }));
    expect(run.status).toBe('completed');
    expect(run.output.text[1].content).toContain('+      environment: prod');
    expect(await snapshot()).toEqual(before);
  });

  it('applies the change; Kratix marks exactly the WorkPlacements the preview predicted as misplaced', async () => {
    const before = await snapshot();
    const run = await runTask(values());
    expect(run.status).toBe('completed');
    const [whatKratixDoes, specChange] = run.output.text;
    expect(whatKratixDoes.title).toBe('What Kratix will do');
    const markdown: string = whatKratixDoes.content;
    expect(markdown).toContain(`What-if: Promise \`${name}\` spec change`);
    expect(specChange.content).toContain('+      environment: prod');

    const after = await snapshot();
    expect(after.generation).toBe(before.generation + 1);
    expect(after.spec.destinationSelectors).toEqual([
      { matchLabels: { environment: 'prod' } },
    ]);

    const predicted = predictedMisplaced(markdown);
    expect(predicted).toHaveLength(2);
    const misplacedNow = async () =>
      (await workPlacementsOf(name))
        .filter(isMisplaced)
        .map(
          wp =>
            `${wp.metadata.namespace}/${wp.metadata.name} on ${wp.spec.targetDestinationName}`,
        )
        .sort();
    await waitFor(
      'Kratix to mark the WorkPlacements misplaced',
      60_000,
      async () => (await misplacedNow()).length >= 2,
    );
    expect(await misplacedNow()).toEqual(predicted);
    expect(predicted.map(p => p.split(' on ')[1])).toEqual(['dev-1', 'dev-2']);

    // kratix:workplacements:cleanup in a dry run (inline template): the preflight and a
    // server-side dry run of the delete of exactly those two; nothing is deleted.
    const template = parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    const cleanupTemplate = {
      ...template,
      spec: {
        ...template.spec,
        parameters: [],
        steps: [
          {
            id: 'cleanup',
            action: 'kratix:workplacements:cleanup',
            input: { platform: 'local', promise: name },
          },
        ],
        output: {
          preflight: '${{ steps.cleanup.output.preflight }}',
          results: '${{ steps.cleanup.output.results }}',
          summary: '${{ steps.cleanup.output.summary }}',
        },
      },
    };
    await waitFor(
      'the misplaced WorkPlacements in the Kratix backend',
      30_000,
      async () => {
        const res = await api().get(
          `/api/kratix/platforms/local/promises/${name}/misplaced`,
        );
        return res.body.total === 2;
      },
    );
    const cleanup = await api()
      .post('/api/scaffolder/v2/dry-run')
      .send({ template: cleanupTemplate, values: {}, directoryContents: [] });
    expect(cleanup.status).toBe(200);
    expect(cleanup.body.output.preflight.deletable).toBe(2);
    expect(cleanup.body.output.summary).toEqual({
      deleted: 2,
      refused: 0,
      failed: 0,
    });
    expect(
      cleanup.body.output.results
        .map((r: any) => `${r.namespace}/${r.name} on ${r.destination}`)
        .sort(),
    ).toEqual(predicted);
    expect(await misplacedNow()).toEqual(predicted);

    // The backend recorded the write as the user who ran the template.
    const history = await api().get(
      `/api/kratix/platforms/local/promises/${name}/history`,
    );
    expect(history.body.items[0]).toMatchObject({
      action: 'promise.update',
      outcome: 'succeeded',
      actor: 'user:default/mock',
    });
  });
});
