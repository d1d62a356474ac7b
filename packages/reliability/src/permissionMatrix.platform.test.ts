/*
 * Reliability: nothing unauthorised. Every write route (and the read-only preview/preflight
 * routes) × {policy allows, policy denies} × {the plugin's own service account, the impersonated
 * restricted Kubernetes identity alice}, on the real platform with the real Kratix manager.
 * Denied requests answer 403 and leave the Promise and its Works/WorkPlacements byte-for-byte
 * unchanged (same uid and resourceVersion); read-only routes never change anything.
 *
 * The scaffolder actions of plugins/scaffolder-backend-module-kratix call these routes on behalf of
 * the user running a template: each action runs through the scaffolder's own API (v2/dry-run, an
 * inline one-step template, as alice) under the same matrix. There the apply and cleanup actions
 * send server-side dry runs (their real writes are covered by the module's template test); a step
 * that fails makes the dry-run API answer 500 with the action's error, which must carry the
 * backend's refusal.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  applyPromise,
  awaitDeletedOrRecreated,
  deletePromise,
  getPromise,
  isMisplaced,
  KratixTestBackend,
  platformKubeconfigPath,
  promiseManifest,
  startKratixTestBackend,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleKratix from '@kratix-backstage/plugin-scaffolder-backend-module-kratix';
import request from 'supertest';
import {
  backendVisibleOf,
  diffSnapshots,
  kratixStateOf,
  ofPromise,
  snapshotKratix,
  waitSettled,
} from './__testUtils__/cluster';
import { Tally, reportCategory } from './__testUtils__/report';

type Identity = 'service-account' | 'impersonated';
type Decision = 'allow' | 'deny';

interface RouteCase {
  route: string;
  /** The permission the route needs; a policy that denies it must get a 403. */
  permission: string;
  /** Read-only routes must never change anything, whoever calls them. */
  readOnly: boolean;
  /** Whether a successful call changes the cluster (only real writes do). */
  mutates: boolean;
  send(api: ReturnType<typeof request>, platform: string): request.Test;
  /** Run through the scaffolder's dry-run API rather than called directly. */
  viaScaffolder?: boolean;
}

/** The scaffolder's dry run of a one-step template using a Kratix action. */
function scaffolderDryRun(
  api: ReturnType<typeof request>,
  action: string,
  input: Record<string, unknown>,
) {
  return api.post('/api/scaffolder/v2/dry-run').send({
    template: {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'reliability-matrix' },
      spec: {
        type: 'service',
        owner: 'group:default/platform-team',
        parameters: [],
        steps: [{ id: 'step', action, input }],
      },
    },
    values: {},
    directoryContents: [],
  });
}

const ALICE = mockCredentials.user.header('user:default/alice');

describe('reliability: permission matrix', () => {
  const promise = uniqueName('rel-perm');
  let backend: KratixTestBackend;
  const denied = new Set<string>();
  let items: Array<{
    namespace: string;
    name: string;
    uid: string;
    generation: number;
  }> = [];
  let loaded: { resourceVersion: string; generation: number };

  beforeAll(async () => {
    await applyPromise(promiseManifest(promise, [{ environment: 'dev' }]));
    await waitFor(
      'dev WorkPlacements',
      30_000,
      async () => (await workPlacementsOf(promise)).length === 2,
    );
    await applyPromise(promiseManifest(promise, [{ environment: 'prod' }]));
    await waitFor('dev WorkPlacements misplaced', 30_000, async () => {
      const wps = await workPlacementsOf(promise);
      return wps.length === 3 && wps.filter(isMisplaced).length === 2;
    });
    const kubeconfig = { path: platformKubeconfigPath() };
    backend = await startKratixTestBackend({
      plugin: kratixBackendPlugin,
      // The scaffolder (with a catalog stand-in) and the Kratix actions module, in the same backend.
      features: [
        scaffolderPlugin,
        scaffolderModuleKratix,
        catalogServiceMock.factory(),
      ],
      platforms: [
        { name: 'local', kubeconfig },
        { name: 'imp', kubeconfig, impersonateUser: true },
      ],
      // Allow everything except the permissions a case denies.
      policy: q =>
        denied.has(q.permission) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      waitSynced: ['local', 'imp'],
    });
    const registry = backend.registry;
    await Promise.all(
      ['local', 'imp'].map(p =>
        waitFor(
          `misplaced of ${promise} in ${p}`,
          30_000,
          () =>
            registry
              .get(p)
              .cache.workPlacements.byIndex('misplacedByPromise', promise)
              .length === 2,
        ),
      ),
    );
    await waitSettled(() =>
      snapshotKratix(undefined, ofPromise(promise), kratixStateOf),
    );
    await refreshItems();
    const p = await getPromise(promise);
    loaded = {
      resourceVersion: p.metadata.resourceVersion,
      generation: p.metadata.generation,
    };
  }, 240_000);

  /** The misplaced items as a preflight shows them now (uid + spec generation, as the UI sends them). */
  async function refreshItems() {
    const pre = await request(backend.server)
      .post('/api/kratix/platforms/local/cleanup/preflight')
      .set('Authorization', ALICE)
      .send({ all: true, promise });
    items = pre.body.items.map((i: any) => ({
      namespace: i.namespace,
      name: i.name,
      uid: i.uid,
      generation: i.generation,
    }));
  }

  afterAll(async () => {
    await backend?.stop();
    await deletePromise(promise);
  }, 240_000);

  const devAgain = {
    destinationSelectors: [{ matchLabels: { environment: 'dev' } }],
  };
  const routes: RouteCase[] = [
    {
      route: 'POST promises/:p/update',
      permission: 'kratix.promise.update',
      readOnly: false,
      mutates: true,
      send: (api, pl) =>
        api
          .post(`/api/kratix/platforms/${pl}/promises/${promise}/update`)
          .send({ ...loaded, specPatch: devAgain }),
    },
    {
      route: 'POST promises/:p/update dryRun',
      permission: 'kratix.promise.update',
      readOnly: false,
      mutates: false,
      send: (api, pl) =>
        api
          .post(`/api/kratix/platforms/${pl}/promises/${promise}/update`)
          .send({ ...loaded, specPatch: devAgain, dryRun: true }),
    },
    {
      route: 'POST cleanup',
      permission: 'kratix.workplacement.delete',
      readOnly: false,
      mutates: true,
      send: (api, pl) =>
        api.post(`/api/kratix/platforms/${pl}/cleanup`).send({ items }),
    },
    {
      route: 'POST cleanup dryRun',
      permission: 'kratix.workplacement.delete',
      readOnly: false,
      mutates: false,
      send: (api, pl) =>
        api
          .post(`/api/kratix/platforms/${pl}/cleanup`)
          .send({ items, dryRun: true }),
    },
    {
      route: 'POST cleanup all+promise dryRun (ndjson)',
      permission: 'kratix.workplacement.delete',
      readOnly: false,
      mutates: false,
      send: (api, pl) =>
        api
          .post(`/api/kratix/platforms/${pl}/cleanup`)
          .set('Accept', 'application/x-ndjson')
          .send({ all: true, promise, dryRun: true }),
    },
    {
      route: 'POST cleanup/preflight',
      permission: 'kratix.promise.read',
      readOnly: true,
      mutates: false,
      send: (api, pl) =>
        api
          .post(`/api/kratix/platforms/${pl}/cleanup/preflight`)
          .send({ items }),
    },
    {
      route: 'POST promises/:p/preview',
      permission: 'kratix.promise.read',
      readOnly: true,
      mutates: false,
      send: (api, pl) =>
        api
          .post(`/api/kratix/platforms/${pl}/promises/${promise}/preview`)
          .send({ specPatch: devAgain }),
    },
    {
      route: 'POST destinations/preview',
      permission: 'kratix.promise.read',
      readOnly: true,
      mutates: false,
      send: (api, pl) =>
        api.post(`/api/kratix/platforms/${pl}/destinations/preview`).send({
          changes: [{ name: 'prod-1', labels: { environment: 'dev' } }],
        }),
    },
  ];

  const scaffolderCases: RouteCase[] = [
    {
      route: 'scaffolder kratix:promise:preview',
      permission: 'kratix.promise.read',
      readOnly: true,
      mutates: false,
      viaScaffolder: true,
      send: (api, pl) =>
        scaffolderDryRun(api, 'kratix:promise:preview', {
          platform: pl,
          promise,
          destinationSelectors: [{ environment: 'dev' }],
        }),
    },
    {
      // Render checks the rendered spec with a server-side dry-run update: it needs the update
      // permission (and, impersonating, Kubernetes update rights) although it changes nothing.
      route: 'scaffolder kratix:promise:render',
      permission: 'kratix.promise.update',
      readOnly: false,
      mutates: false,
      viaScaffolder: true,
      send: (api, pl) =>
        scaffolderDryRun(api, 'kratix:promise:render', {
          platform: pl,
          promise,
          destinationSelectors: [{ environment: 'dev' }],
        }),
    },
    {
      route: 'scaffolder kratix:promise:apply (dry run)',
      permission: 'kratix.promise.update',
      readOnly: false,
      mutates: false,
      viaScaffolder: true,
      send: (api, pl) =>
        scaffolderDryRun(api, 'kratix:promise:apply', {
          platform: pl,
          promise,
          destinationSelectors: [{ environment: 'dev' }],
        }),
    },
    {
      route: 'scaffolder kratix:workplacements:cleanup (dry run)',
      permission: 'kratix.workplacement.delete',
      readOnly: false,
      mutates: false,
      viaScaffolder: true,
      send: (api, pl) =>
        scaffolderDryRun(api, 'kratix:workplacements:cleanup', {
          platform: pl,
          promise,
        }),
    },
  ];

  /**
   * The status a case must get: denied → 403; alice may not write in Kubernetes → 403. Through
   * the scaffolder's dry-run API a refused step is a 500 carrying the same message.
   */
  function expectedStatus(
    r: RouteCase,
    decision: Decision,
    identity: Identity,
  ): number {
    const refused =
      decision === 'deny' || (identity === 'impersonated' && !r.readOnly);
    if (!refused) return 200;
    return r.viaScaffolder ? 500 : 403;
  }

  it('answers 403 to every denied write and changes nothing unless allowed', async () => {
    const tally = new Tally();
    const cases: Array<{
      r: RouteCase;
      decision: Decision;
      identity: Identity;
    }> = [];
    for (const r of [...routes, ...scaffolderCases]) {
      for (const decision of ['allow', 'deny'] as const) {
        for (const identity of ['service-account', 'impersonated'] as const)
          cases.push({ r, decision, identity });
      }
    }
    // The two cases that really write run last, cleanup before update (an update back to dev
    // would un-mark the WorkPlacements the cleanup deletes).
    const writes = (c: (typeof cases)[number]) =>
      c.r.mutates && c.decision === 'allow' && c.identity === 'service-account';
    const ordered = [
      ...cases.filter(c => !writes(c)),
      ...cases.filter(c => writes(c) && c.r.route === 'POST cleanup'),
      ...cases.filter(c => writes(c) && c.r.route !== 'POST cleanup'),
    ];

    let kratixOnly = 0;
    for (const c of ordered) {
      denied.clear();
      // The real cleanup sends what a preflight shows right before (as the UI does).
      if (writes(c)) await refreshItems();
      if (c.decision === 'deny') denied.add(c.r.permission);
      const platform = c.identity === 'service-account' ? 'local' : 'imp';
      const before = await snapshotKratix(undefined, ofPromise(promise));
      const beforeVisible = await snapshotKratix(
        undefined,
        ofPromise(promise),
        backendVisibleOf,
      );
      const res = await c.r
        .send(request(backend.server), platform)
        .set('Authorization', ALICE);
      const want = expectedStatus(c.r, c.decision, c.identity);
      const problems: string[] = [];
      if (res.status !== want)
        problems.push(
          `status ${res.status}, wanted ${want}: ${res.text.slice(0, 300)}`,
        );
      if (want !== 200 && res.status === want) {
        // The policy's refusal names the permission; Kubernetes' names the user.
        const message = String(res.body?.error?.message ?? '');
        const reasonOk =
          c.decision === 'deny'
            ? message.includes(c.r.permission)
            : message.includes('alice') &&
              /Kubernetes (refused|does not allow)/.test(message);
        if (!reasonOk) problems.push(`unexpected 403 message: ${message}`);
      }
      if (writes(c)) {
        problems.push(...(await writtenProblems(c.r, res)));
      } else {
        // Everything else leaves the cluster byte-for-byte unchanged. A settled Kratix writes
        // nothing... unless another test changes a Destination meanwhile: Kratix then re-writes
        // every dependency WorkPlacement (new status.versionID). Such a difference is accepted
        // (and counted) only when nothing the backend could have done changed: the Promise's
        // resourceVersion, and each WorkPlacement's uid and deletion.
        const diff = diffSnapshots(
          before,
          await snapshotKratix(undefined, ofPromise(promise)),
        );
        const visible = diffSnapshots(
          beforeVisible,
          await snapshotKratix(undefined, ofPromise(promise), backendVisibleOf),
        );
        if (visible.length)
          problems.push(`cluster changed: ${visible.join('; ')}`);
        else if (diff.length) {
          kratixOnly += 1;
          if (process.env.RELIABILITY_DEBUG)
            process.stdout.write(
              `Kratix-only writes during ${c.r.route} × ${c.decision} × ${
                c.identity
              }: ${diff.join('; ')}\n`,
            );
        }
      }
      tally.check(
        `${c.r.route} × ${c.decision} × ${c.identity}`,
        problems.length === 0,
        problems.join('; '),
      );
    }

    reportCategory(
      'permission matrix',
      tally.tried,
      tally.passed,
      `${routes.length} routes + ${
        scaffolderCases.length
      } scaffolder actions × allow/deny × service account/impersonated alice; ${
        tally.tried - 2 - kratixOnly
      } byte-for-byte unchanged, ${kratixOnly} with Kratix-only status writes, 2 allowed real writes applied`,
    );
    expect(tally.failures).toEqual([]);
  }, 300_000);

  async function writtenProblems(
    r: RouteCase,
    res: request.Response,
  ): Promise<string[]> {
    if (r.route === 'POST cleanup') {
      if (res.body?.summary?.deleted !== 2)
        return [
          `the allowed cleanup deleted ${
            res.body?.summary?.deleted
          }: ${res.text.slice(0, 400)}`,
        ];
      // The two cleaned-up objects are gone (current Kratix may re-create a dependency WorkPlacement
      // it sees being deleted: a new object, not one the cleanup left), prod-1 untouched.
      const cleaned = items.map(i => ({
        metadata: { namespace: i.namespace, name: i.name, uid: i.uid },
      }));
      try {
        const recreated = await awaitDeletedOrRecreated(cleaned);
        if (recreated.length)
          process.stdout.write(
            `[reliability] Kratix re-created ${recreated
              .map(wp => wp.metadata.name)
              .join(', ')} after the allowed cleanup\n`,
          );
      } catch (e) {
        return [(e as Error).message];
      }
      const prod = (await workPlacementsOf(promise)).filter(
        wp => wp.spec.targetDestinationName === 'prod-1',
      );
      const ok = prod.length === 1 && !isMisplaced(prod[0]);
      return ok
        ? []
        : ['expected the prod-1 WorkPlacement to remain, not misplaced'];
    }
    const now = await getPromise(promise);
    const ok =
      now.metadata.generation === loaded.generation + 1 &&
      JSON.stringify(now.spec.destinationSelectors) ===
        JSON.stringify(devAgain.destinationSelectors);
    return ok ? [] : ['the allowed update was not applied'];
  }
});
