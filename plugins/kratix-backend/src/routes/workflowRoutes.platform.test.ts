/*
 * Kratix workflow runs on the real local platform: its node (kubelet + containerd + runc, the Job
 * controller) runs the Jobs the real Kratix manager creates (dev/node/README.md). The Promise is
 * the demo Promise with real workflows (dev/platform/manifests/demo/workflows/promise.yaml) under
 * a unique name. Needs the node (current Kratix, root); skipped with a note otherwise.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTeamBucket,
  deletePromise,
  deleteTeamBucket,
  platformRunsWorkflows,
  workflowPromise,
  applyPromise,
  isMisplaced,
  listWorks,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import {
  WorkflowRun,
  WorkflowRunsResponse,
  rerunProgress,
} from '@kratix-backstage/plugin-kratix-common';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
  updateThroughRoute,
} from '../__testUtils__/platformTestBackend';

const describeWithNode = platformRunsWorkflows() ? describe : describe.skip;
if (!platformRunsWorkflows()) {
  // eslint-disable-next-line no-console
  console.warn(
    'workflow runs tests skipped: the local platform runs no node (dev/platform/README.md, "The node")',
  );
}

describeWithNode('workflow runs on the real platform (with its node)', () => {
  let backend: PlatformTestBackend;
  let noLogs: PlatformTestBackend;
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
    noLogs = await startPlatformTestBackend({
      decide: name =>
        name === 'kratix.workflow.logs.read'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await noLogs?.stop();
  });

  const runs = async (
    b: PlatformTestBackend,
    promise: string,
    resource?: string,
  ) => {
    const res = await request(b.server)
      .get(`/api/kratix/platforms/local/promises/${promise}/workflows`)
      .query(resource ? { resource } : {});
    expect(res.status).toBe(200);
    return res.body as WorkflowRunsResponse;
  };
  const finished = (r: WorkflowRun) =>
    r.outcome === 'succeeded' || r.outcome === 'failed';
  const settled = async (
    promise: string,
    count: (items: WorkflowRun[]) => boolean,
  ) => {
    let last: WorkflowRun[] = [];
    await waitFor('workflow runs', 200_000, async () => {
      last = (await runs(backend, promise)).items;
      return count(last) && last.every(finished);
    });
    return last;
  };

  it('shows the Promise workflow and each resource workflow; an update re-runs them all, as the what-if predicts, and what the first resource runs placed on dev is then misplaced', async () => {
    const name = uniqueName('wf');
    const { manifest, group } = workflowPromise(name, 'dev');
    try {
      await applyPromise(manifest);
      await waitFor(
        'the Promise API',
        60_000,
        async () =>
          backend.cache.promises.get(name)?.status?.status === 'Available',
      );
      await createTeamBucket(group, 'orders', { team: 'orders' });
      await createTeamBucket(group, 'analytics', {
        team: 'analytics',
        size: 'large',
      });
      const first = await settled(name, items => items.length === 3);
      expect(
        first
          .map(
            r =>
              `${r.workflowType}:${r.pipeline}:${r.resource?.name ?? '-'}:${
                r.outcome
              }:${r.trigger}`,
          )
          .sort(),
      ).toEqual([
        `promise:promise-configure:-:succeeded:first`,
        `resource:bucket-configure:analytics:succeeded:first`,
        `resource:bucket-configure:orders:succeeded:first`,
      ]);
      for (const r of first) {
        expect(Date.parse(r.finishedAt!)).toBeGreaterThanOrEqual(
          Date.parse(r.startedAt!),
        );
        expect(
          r.containers.filter(c => c.role === 'workflow').map(c => c.state),
        ).toEqual(['succeeded']);
      }
      // The resource Works come from Kratix's work-creator in those Jobs.
      await waitFor(
        'resource WorkPlacements written on dev',
        60_000,
        async () =>
          (
            await workPlacementsOf(name)
          ).filter(
            wp =>
              wp.spec?.targetDestinationName === 'dev-1' ||
              wp.spec?.targetDestinationName === 'dev-2',
          ).length >= 4,
      );
      const resourceWorks = await listWorks(
        `kratix.io/promise-name=${name},kratix.io/work-type=resource`,
      );
      expect(
        resourceWorks
          .map(w => w.metadata.labels['kratix.io/resource-name'])
          .sort(),
      ).toEqual(['analytics', 'orders']);
      expect(
        resourceWorks.every(
          w =>
            w.metadata.labels['kratix.io/pipeline-name'] === 'bucket-configure',
        ),
      ).toBe(true);
      // One request's own view.
      const one = await runs(backend, name, 'default/orders');
      expect(one.items.map(r => r.resource?.name)).toEqual(['orders']);

      // The update: the what-if first, then the change.
      const preview = await request(backend.server)
        .post(`/api/kratix/platforms/local/promises/${name}/preview`)
        .send({
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
          },
        });
      expect(preview.status).toBe(200);
      const predicted = preview.body.promises[0].workflows;
      expect(predicted).toMatchObject({
        promiseConfigure: true,
        resourceRequests: 2,
      });
      // Applied through the product's update route, as the Update tab does.
      const applied = await updateThroughRoute(backend, name, {
        destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
      });
      expect(applied.status).toBe(200);
      expect(applied.body.effects).toMatchObject({
        promiseWorkflowRerun: true,
        resourceWorkflowsRerun: 2,
      });
      const after = await settled(
        name,
        items => items.length === 3 + predicted.total,
      );
      const reruns = after.filter(r => !first.some(f => f.id === r.id));
      // What the Update tab shows: exactly the re-runs, found by the apiserver's write time.
      const progress = rerunProgress(
        after,
        applied.body.appliedAt,
        applied.body.effects,
      );
      expect(progress.runs.map(r => r.id).sort()).toEqual(
        reruns.map(r => r.id).sort(),
      );
      expect(progress.resources).toEqual({
        expected: 2,
        started: 2,
        running: 0,
        succeeded: 2,
        failed: 0,
      });
      expect(progress.promise.run?.outcome).toBe('succeeded');
      expect(progress.done).toBe(true);
      expect(reruns).toHaveLength(predicted.total);
      expect(reruns.filter(r => r.workflowType === 'promise')).toHaveLength(1);
      expect(
        reruns
          .filter(r => r.workflowType === 'resource')
          .map(r => r.resource!.name)
          .sort(),
      ).toEqual(['analytics', 'orders']);
      expect(reruns.every(r => r.outcome === 'succeeded')).toBe(true);
      const secs = (from?: string, to?: string) =>
        from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : NaN;
      const promiseRerun = reruns.find(r => r.workflowType === 'promise')!;
      // eslint-disable-next-line no-console
      console.log(
        `[workflows] runs (start -> finish, s): ${after
          .map(
            r =>
              `${r.pipeline}/${r.resource?.name ?? 'promise'}=${secs(
                r.startedAt,
                r.finishedAt,
              )}`,
          )
          .join(', ')}; resource re-runs created ${reruns
          .filter(r => r.workflowType === 'resource')
          .map(r => secs(promiseRerun.finishedAt, r.createdAt))
          .join(' and ')} s after the Promise re-run finished`,
      );
      // Kratix re-ran the resource workflows because the Promise changed.
      expect(
        reruns.filter(r => r.workflowType === 'resource').map(r => r.trigger),
      ).toEqual(['promise-updated', 'promise-updated']);

      // The WorkPlacements the first resource runs placed on dev are now misplaced; Kratix never
      // moves a resource's placement (one random match at first scheduling, docs/kratix-v0.125.0.md
      // "Not a difference"), so the re-runs place nothing on prod-1.
      let seen = '';
      await waitFor(
        'the resource WorkPlacements on dev misplaced',
        90_000,
        async () => {
          const wps = (await workPlacementsOf(name)).filter(
            wp =>
              wp.metadata.labels?.['kratix.io/work-type'] !== 'dependency' &&
              wp.metadata.name.includes('bucket-configure'),
          );
          const onProd = wps.filter(
            wp => wp.spec.targetDestinationName === 'prod-1',
          ).length;
          const misplacedOnDev = wps.filter(
            wp =>
              wp.spec.targetDestinationName?.startsWith('dev-') &&
              isMisplaced(wp),
          ).length;
          seen = (await workPlacementsOf(name))
            .map(
              wp =>
                `${wp.metadata.name}@${wp.spec.targetDestinationName}${
                  isMisplaced(wp) ? '(misplaced)' : ''
                }`,
            )
            .join(' ');
          return onProd === 0 && misplacedOnDev === 2;
        },
      ).catch(e => {
        throw new Error(`${(e as Error).message}; WorkPlacements: ${seen}`);
      });
      const misplaced = await request(backend.server)
        .get('/api/kratix/platforms/local/misplaced')
        .query({ promise: name, kind: 'resource' });
      expect(misplaced.status).toBe(200);
      expect(misplaced.body.items.length).toBe(2);
    } finally {
      await deleteTeamBucket(group, 'orders');
      await deleteTeamBucket(group, 'analytics');
      await deletePromise(name, 120_000).catch(() => undefined);
    }
  }, 480_000);

  it('shows a failing resource workflow as failed, with its log line; logs need kratix.workflow.logs.read', async () => {
    const name = uniqueName('wf-fail');
    const { manifest, group } = workflowPromise(name, 'dev');
    try {
      await applyPromise(manifest);
      await waitFor(
        'the Promise Available',
        60_000,
        async () =>
          backend.cache.promises.get(name)?.status?.status === 'Available',
      );
      await createTeamBucket(group, 'broken', {
        team: 'broken',
        failWith: 'no bucket quota left for team broken',
      });
      let run: WorkflowRun | undefined;
      await waitFor('a failed resource run', 120_000, async () => {
        run = (await runs(backend, name, 'default/broken')).items[0];
        return run?.outcome === 'failed';
      });
      expect(run!.failure).toMatchObject({ container: 'render-bucket' });
      expect(
        run!.containers.find(c => c.name === 'render-bucket'),
      ).toMatchObject({ state: 'failed', exitCode: 3 });

      const log = await request(backend.server)
        .get(
          `/api/kratix/platforms/local/promises/${name}/workflows/${
            run!.namespace
          }/${run!.jobName}/logs`,
        )
        .query({ container: 'render-bucket' });
      expect(log.status).toBe(200);
      expect(log.body.lines).toContain(
        'team-bucket: no bucket quota left for team broken',
      );

      const listed = await runs(noLogs, name, 'default/broken');
      expect(listed.canReadLogs).toBe(false);
      expect(listed.items[0].id).toBe(run!.id);
      const denied = await request(noLogs.server)
        .get(
          `/api/kratix/platforms/local/promises/${name}/workflows/${
            run!.namespace
          }/${run!.jobName}/logs`,
        )
        .query({ container: 'render-bucket' });
      expect(denied.status).toBe(403);

      const bad = await request(backend.server)
        .get(
          `/api/kratix/platforms/local/promises/${name}/workflows/${
            run!.namespace
          }/${run!.jobName}/logs`,
        )
        .query({ container: 'nope' });
      expect(bad.status).toBe(404);
      expect(bad.body.error.message).toContain('render-bucket');
    } finally {
      await deleteTeamBucket(group, 'broken');
      await deletePromise(name, 120_000).catch(() => undefined);
    }
  }, 300_000);
});
