/*
 * A resource request pinned to an older Promise version (current Kratix: its ResourceBinding's
 * spec.version), on the real local platform with real workflows: the preview says its Work keeps
 * that version's selectors, and after the change Kratix's re-run indeed keeps them. Needs the node
 * (current Kratix, root); skipped with a note otherwise.
 */
import {
  applyPromise,
  createTeamBucket,
  customObjects,
  deletePromise,
  listWorks,
  platformRunsWorkflows,
  teamBucketConfigured,
  uniqueName,
  waitFor,
  workflowPromise,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
  updateThroughRoute,
} from '../../__testUtils__/platformTestBackend';

const describeWithNode = platformRunsWorkflows() ? describe : describe.skip;
if (!platformRunsWorkflows()) {
  // eslint-disable-next-line no-console
  console.warn(
    'pinned request tests skipped: the local platform runs no node (dev/platform/README.md, "The node")',
  );
}

const VERSION_LABEL = 'kratix.io/promise-version';

/** The Promise with a resource workflow only (its re-runs start with the change), at `version`. */
function pinPromise(name: string, version: string, environment: string) {
  const { manifest, group } = workflowPromise(name, environment);
  delete manifest.spec.workflows.promise;
  manifest.metadata.labels = {
    ...manifest.metadata.labels,
    [VERSION_LABEL]: version,
  };
  return { manifest, group };
}

/** The environment the request's resource Work selects (its `promise` selector). */
async function workEnvironment(
  promise: string,
  resource: string,
): Promise<string | undefined> {
  const [work] = await listWorks(
    `kratix.io/promise-name=${promise},kratix.io/resource-name=${resource}`,
  );
  const selectors = work?.spec?.workloadGroups?.[0]?.destinationSelectors ?? [];
  return selectors.find((s: any) => s.source === 'promise')?.matchLabels
    ?.environment;
}

describeWithNode(
  'resource requests pinned to a Promise version (real Kratix)',
  () => {
    let backend: PlatformTestBackend;
    beforeAll(async () => {
      backend = await startPlatformTestBackend();
    });
    afterAll(async () => {
      await backend?.stop();
    });

    it("the preview keeps a pinned request's selectors, and so does Kratix", async () => {
      const name = uniqueName('pin');
      const v1 = pinPromise(name, 'v1.0.0', 'dev');
      await applyPromise(v1.manifest);
      try {
        await createTeamBucket(v1.group, 'held', { team: 'a' });
        await waitFor('the request configured', 120_000, () =>
          teamBucketConfigured(v1.group, 'held'),
        );
        expect(await workEnvironment(name, 'held')).toBe('dev');

        // Version 2 with the same selectors, then the request pinned to version 1.
        await applyPromise(pinPromise(name, 'v2.0.0', 'dev').manifest);
        const api = customObjects();
        let binding: any;
        await waitFor('the request bound to v2.0.0', 120_000, async () => {
          const list: any = await api.listNamespacedCustomObject({
            group: 'platform.kratix.io',
            version: 'v1alpha1',
            namespace: 'default',
            plural: 'resourcebindings',
            labelSelector: `kratix.io/promise-name=${name},kratix.io/resource-name=held`,
          });
          binding = list.items[0];
          return binding?.status?.lastAppliedVersion === 'v2.0.0';
        });
        await api.replaceNamespacedCustomObject({
          group: 'platform.kratix.io',
          version: 'v1alpha1',
          namespace: 'default',
          plural: 'resourcebindings',
          name: binding.metadata.name,
          body: { ...binding, spec: { ...binding.spec, version: 'v1.0.0' } },
        });

        // The preview of dev → prod (a spec change: the version stays v2.0.0).
        const preview = await request(backend.server)
          .post(`/api/kratix/platforms/local/promises/${name}/preview`)
          .send({
            specPatch: {
              destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
            },
          });
        expect(preview.status).toBe(200);
        expect(preview.body.warnings).toEqual([
          expect.objectContaining({
            code: 'resource-requests-pinned',
            message: expect.stringContaining('v1.0.0 (default/held)'),
          }),
        ]);
        const resourceGroups = preview.body.groups.filter(
          (g: any) => g.work.kind === 'resource',
        );
        // Nothing changes for the pinned request's Work: no group of it is listed.
        expect(resourceGroups).toEqual([]);
        expect(preview.body.promises[0].workflows.resourceRequests).toBe(1);

        // Applied through the product's update route, as the Update tab does.
        const applied = await updateThroughRoute(backend, name, {
          destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
        });
        expect(applied.status).toBe(200);
        // Kratix re-runs the request's workflow with version 1's spec: the Work keeps dev.
        const since = Date.now();
        await waitFor('the pinned request re-ran', 180_000, async () => {
          const obj: any = await api.getNamespacedCustomObject({
            group: v1.group,
            version: 'v1alpha1',
            namespace: 'default',
            plural: 'teambuckets',
            name: 'held',
          });
          const last = Date.parse(
            obj?.status?.lastSuccessfulConfigureWorkflowTime ?? '',
          );
          return last >= since - 2000;
        });
        expect(await workEnvironment(name, 'held')).toBe('dev');
      } finally {
        await deletePromise(name);
      }
    });
  },
);
