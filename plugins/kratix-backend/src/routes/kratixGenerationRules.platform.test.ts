/*
 * Deletion and scheduling rules where Kratix generations differ, each proven on the real manager
 * of the running local platform (current = ae170e22 by default, or v0.125) through our API: the
 * preflight predicts, the cleanup acts, and the cluster and the state store show what Kratix did.
 */
import {
  STATE_STORE_WRITE_WAIT_MS,
  KRATIX,
  applyPromise,
  awaitDeletedOrRecreated,
  createDestination,
  createResourceWork,
  customObjects,
  getWorkPlacement,
  deleteDestination,
  deletePromise,
  destinationSpecPath,
  listWorkPlacements,
  platformGeneration,
  promiseManifest,
  stateStoreDeletedSince,
  stateStoreFiles,
  stateStoreHead,
  uniqueName,
  updateKratixObject,
  isWritten,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
} from '../__testUtils__/platformTestBackend';

// Each test waits on several Kratix reconciles, slow on a loaded 2-core machine.
jest.setTimeout(300_000);

const generation = platformGeneration();
/** Tests whose Kratix behaviour exists (or differs) in one generation only. */
const onCurrent = generation === 'current' ? describe : describe.skip;
const onV0125 = generation === 'v0.125' ? describe : describe.skip;
const REPO_CLEANUP = 'finalizers.workplacement.kratix.io/repo-cleanup';
const NS = 'default';

const ref = (wp: any) => ({
  namespace: wp.metadata.namespace,
  name: wp.metadata.name,
});
const isLabelledMisplaced = (wp: any) =>
  wp?.metadata?.labels?.['kratix.io/misplaced'] === 'true' ||
  wp?.metadata?.labels?.['kratix.io/misscheduled'] === 'true';

async function deleteWork(name: string): Promise<void> {
  try {
    await customObjects().deleteNamespacedCustomObject({
      ...KRATIX,
      plural: 'works',
      namespace: NS,
      name,
    });
  } catch (e) {
    if ((e as { code?: number }).code !== 404) throw e;
  }
}

/**
 * Adds a file to a resource Work (and optionally sets its selectors) so that Kratix reconciles it
 * and updates its WorkPlacements. Returns the new file's path.
 */
async function touchWork(name: string, selectors?: any[]): Promise<string> {
  const filepath = `${uniqueName('touch')}.yaml`;
  await updateKratixObject({ plural: 'works', name, namespace: NS }, w => {
    const group = w.spec.workloadGroups[0];
    // Same content (already encoded for the running generation) under a new path.
    group.workloads.push({ filepath, content: group.workloads[0].content });
    if (selectors) group.destinationSelectors = selectors;
  });
  return filepath;
}

/** A resource Work ("res") of a Promise with one ConfigMap file, as a resource workflow writes it. */
function createConfigMapWork(
  work: string,
  promise: string,
  t: string,
  selectors: Array<{ matchLabels: Record<string, string>; source: string }>,
) {
  return createResourceWork({
    name: work,
    namespace: NS,
    promise,
    resource: 'res',
    selectors,
    files: [
      {
        filepath: 'cm.yaml',
        content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${t}\n`,
      },
    ],
  });
}

const hasWorkload = (wp: any, filepath: string) =>
  (wp?.spec?.workloads ?? []).some((w: any) => w.filepath === filepath);

describe(`Kratix ${generation}: deletion and scheduling rules, predicted and observed`, () => {
  let backend: PlatformTestBackend;
  const api = () => request(backend.server);
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
  });
  afterAll(() => backend?.stop());

  async function preflight(wp: any): Promise<any> {
    await waitFor(
      'the WorkPlacement as it is now, in the cache',
      30_000,
      () => {
        const cached = backend.cache.workPlacements.get(
          `${wp.metadata.namespace}/${wp.metadata.name}`,
        );
        return (
          Number(cached?.resourceVersion ?? 0) >=
          Number(wp.metadata.resourceVersion)
        );
      },
    );
    const res = await api()
      .post('/api/kratix/platforms/local/cleanup/preflight')
      .send({ items: [ref(wp)] });
    expect(res.status).toBe(200);
    return res.body.items[0];
  }
  const cleanup = (wp: any, force = false) =>
    api()
      .post('/api/kratix/platforms/local/cleanup')
      .send({ items: [ref(wp)], force });
  const filesIn = async (dir: string) =>
    (await stateStoreFiles()).filter(f => f.startsWith(dir));

  /**
   * Two Destinations with the same spec.path, a Promise on both, then moved to b only: the
   * WorkPlacement on a is misplaced. On current both write one directory; v0.125 appends each name.
   */
  async function sharedPathScenario(t: string) {
    const [a, b] = [`${t}-a`, `${t}-b`];
    const path = `destinations/${t}`;
    const promise = `${t}-p`;
    const depsDir = (d: string) =>
      generation === 'current'
        ? `${path}/dependencies/${promise}/`
        : `${path}/${d}/dependencies/${promise}/`;
    await createDestination(a, { rulegroup: t, side: 'a' }, { path });
    await createDestination(b, { rulegroup: t, side: 'b' }, { path });
    await applyPromise(promiseManifest(promise, [{ rulegroup: t }]));
    // (Where both write the same file, the second write changes nothing: no commit, no versionID.)
    await waitFor(
      'a WorkPlacement on each Destination, its files written',
      STATE_STORE_WRITE_WAIT_MS,
      async () => {
        const wps = await workPlacementsOf(promise);
        return (
          wps.length === 2 &&
          (await filesIn(depsDir(a))).length > 0 &&
          (await filesIn(depsDir(b))).length > 0
        );
      },
    );
    await applyPromise(promiseManifest(promise, [{ rulegroup: t, side: 'b' }]));
    await waitFor(`the WorkPlacement on ${a} misplaced`, 60_000, async () =>
      (
        await workPlacementsOf(promise)
      ).some(
        wp => wp.spec.targetDestinationName === a && isLabelledMisplaced(wp),
      ),
    );
    const wps = await workPlacementsOf(promise);
    return {
      a,
      b,
      promise,
      depsDir,
      onA: wps.find(wp => wp.spec.targetDestinationName === a)!,
      onB: wps.find(wp => wp.spec.targetDestinationName === b)!,
      teardown: async () => {
        await deletePromise(promise);
        await deleteDestination(a);
        await deleteDestination(b);
      },
    };
  }

  /**
   * A resource WorkPlacement on its own Destination, written; then the Destination is deleted and
   * the Work changes, so the WorkPlacement reconciles while its Destination is missing.
   */
  async function missingDestinationScenario(t: string) {
    const dest = t;
    const promise = `${t}-p`;
    const work = `${promise}-res-w0rk1`;
    const findWp = async () =>
      (await listWorkPlacements(`kratix.io/work=${work}`))[0];
    await createDestination(dest, { rulegroup: t });
    await applyPromise(promiseManifest(promise, [{ rulegroup: t }], []));
    await createConfigMapWork(work, promise, t, [
      { matchLabels: { rulegroup: t }, source: 'promise' },
    ]);
    await waitFor(
      'the resource WorkPlacement written',
      STATE_STORE_WRITE_WAIT_MS,
      async () => isWritten(await findWp()),
    );
    const written = await findWp();
    const filesDir = `destinations/${dest}/resources/${NS}/${promise}/res/`;
    const filesBefore = await filesIn(filesDir);
    await deleteDestination(dest);
    const touched = await touchWork(work);
    return {
      dest,
      written,
      filesBefore,
      files: () => filesIn(filesDir),
      findWp,
      touched,
      teardown: async () => {
        await deleteWork(work);
        await deletePromise(promise);
        await deleteDestination(dest);
      },
    };
  }

  onCurrent('current Kratix', () => {
    it("Destinations sharing one directory: the cleanup refuses to delete the other one's live files", async () => {
      const s = await sharedPathScenario(uniqueName('shared'));
      try {
        expect(await filesIn(s.depsDir(s.b))).toHaveLength(1);
        const item = await preflight(s.onA);
        expect(item.blocked).toBe(true);
        expect(item.destroysFilesOf).toEqual([
          `${s.onB.metadata.namespace}/${s.onB.metadata.name}`,
        ]);
        expect(item.blockReason).toContain(
          `shares its state-store directory with ${s.b}`,
        );
        const res = await cleanup(s.onA, true);
        expect(res.status).toBe(200);
        expect(res.body.summary).toEqual({ deleted: 0, refused: 1, failed: 0 });
        expect(
          await getWorkPlacement(s.onA.metadata.namespace, s.onA.metadata.name),
        ).toBeDefined();

        // What the refusal prevents, done by hand: Kratix deletes the shared directory, and with it
        // the files of the WorkPlacement on the other Destination, which stays. (Kratix may then
        // re-create the deleted one, which writes the files again: the store's history shows the delete.)
        const before = await stateStoreHead();
        const shared = await filesIn(s.depsDir(s.b));
        await customObjects().deleteNamespacedCustomObject({
          ...KRATIX,
          plural: 'workplacements',
          ...ref(s.onA),
        });
        await awaitDeletedOrRecreated([s.onA]);
        expect(
          await getWorkPlacement(s.onB.metadata.namespace, s.onB.metadata.name),
        ).toMatchObject({ metadata: { uid: s.onB.metadata.uid } });
        expect(await stateStoreDeletedSince(before)).toEqual(
          expect.arrayContaining(shared),
        );
      } finally {
        await s.teardown();
      }
    });

    it('a resource WorkPlacement that reconciled while its Destination was missing: removed at once, files stay', async () => {
      const t = uniqueName('fin');
      const s = await missingDestinationScenario(t);
      try {
        expect(s.written.metadata.finalizers).toContain(REPO_CLEANUP);
        expect(s.filesBefore).toHaveLength(1);
        await waitFor('the finalizers stripped', 60_000, async () => {
          const now = await s.findWp();
          return (
            hasWorkload(now, s.touched) &&
            (now.metadata.finalizers ?? []).length === 0
          );
        });
        // The Destination comes back, no longer matching: nothing gives the finalizer back.
        await createDestination(s.dest, { rulegroup: `${t}-other` });
        await waitFor(
          'the resource WorkPlacement labelled misplaced',
          60_000,
          async () => isLabelledMisplaced(await s.findWp()),
        );
        const now = await s.findWp();
        expect(now.metadata.finalizers ?? []).toEqual([]);
        const item = await preflight(now);
        expect(item).toMatchObject({
          misplaced: true,
          blocked: false,
          files: { kind: 'stay' },
        });
        expect(item.notes.join(' ')).toContain(
          'removes the object at once and leaves its files',
        );

        const res = await cleanup(now);
        expect(res.body.summary).toEqual({ deleted: 1, refused: 0, failed: 0 });
        // Gone at once (no finalizer), and the files stay: as predicted.
        expect(await getWorkPlacement(NS, now.metadata.name)).toBeUndefined();
        expect(await s.files()).toEqual(s.filesBefore);
      } finally {
        await s.teardown();
      }
    });

    it('a Destination deleted with cleanup: all leaves a resource WorkPlacement without the targetDestinationName label', async () => {
      const t = uniqueName('cln');
      const dest = t;
      const promise = `${t}-p`;
      const work = `${promise}-res-w0rk1`;
      // A second resource, whose WorkPlacement keeps its label. (No static dependencies: current
      // Kratix re-creates a dependency WorkPlacement it sees being deleted, which keeps a
      // cleanup: all Destination from going; not the rule under test.)
      const labelled = `${promise}-res-w0rk2`;
      try {
        await createDestination(
          dest,
          { rulegroup: t },
          { cleanup: 'all', path: destinationSpecPath(dest) },
        );
        await applyPromise(promiseManifest(promise, [{ rulegroup: t }], []));
        for (const w of [work, labelled]) {
          await createConfigMapWork(w, promise, t, [
            { matchLabels: { rulegroup: t }, source: 'promise' },
          ]);
        }
        await waitFor(
          'both resource WorkPlacements written',
          90_000,
          async () => {
            const wps = await workPlacementsOf(promise);
            return wps.length === 2 && wps.every(isWritten);
          },
        );
        const resourceWp = (
          await listWorkPlacements(`kratix.io/work=${work}`)
        )[0];
        // As a WorkPlacement made before Kratix added the label: Kratix never rebuilds a resource
        // WorkPlacement's labels, so it keeps lacking it.
        await updateKratixObject(
          {
            plural: 'workplacements',
            name: resourceWp.metadata.name,
            namespace: NS,
          },
          wp => {
            delete wp.metadata.labels['kratix.io/targetDestinationName'];
          },
        );
        await waitFor(
          'the unlabelled WorkPlacement in the cache',
          30_000,
          () => {
            const cached = backend.cache.workPlacements.get(
              `${NS}/${resourceWp.metadata.name}`,
            );
            return (
              Boolean(cached) &&
              !cached!.labels['kratix.io/targetDestinationName']
            );
          },
        );

        const preview = await api()
          .post('/api/kratix/platforms/local/destinations/preview')
          .send({ changes: [{ name: dest, remove: true }] });
        expect(preview.status).toBe(200);
        expect(preview.body.summary.workPlacementsDeleted).toBe(1);
        expect(preview.body.notes.join(' ')).toContain(
          'carry no kratix.io/targetDestinationName label',
        );

        await deleteDestination(dest);
        await waitFor(
          'the Destination gone (its cleanup finalizer done)',
          90_000,
          async () => {
            try {
              await customObjects().getClusterCustomObject({
                ...KRATIX,
                plural: 'destinations',
                name: dest,
              });
              return false;
            } catch (e) {
              return (e as { code?: number }).code === 404;
            }
          },
        );
        const left = await workPlacementsOf(promise);
        expect(left.map(wp => wp.metadata.name)).toEqual([
          resourceWp.metadata.name,
        ]);
      } finally {
        await deleteWork(work);
        await deleteWork(labelled);
        await deletePromise(promise);
        await deleteDestination(dest);
      }
    });

    it('a dependency WorkPlacement loses the legacy misscheduled label on its next reconcile', async () => {
      const promise = uniqueName('legacy');
      try {
        await applyPromise(promiseManifest(promise, [{ environment: 'dev' }]));
        await waitFor(
          'two dev WorkPlacements written',
          STATE_STORE_WRITE_WAIT_MS,
          async () => {
            const wps = await workPlacementsOf(promise);
            return wps.length === 2 && wps.every(isWritten);
          },
        );
        const target = (await workPlacementsOf(promise)).find(
          wp => wp.spec.targetDestinationName === 'dev-1',
        )!;
        // As Kratix before mid-2025 left it.
        await updateKratixObject(
          {
            plural: 'workplacements',
            name: target.metadata.name,
            namespace: target.metadata.namespace,
          },
          wp => {
            wp.metadata.labels['kratix.io/misscheduled'] = 'true';
          },
        );
        await applyPromise(
          promiseManifest(
            promise,
            [{ environment: 'dev' }],
            [
              {
                apiVersion: 'v1',
                kind: 'Namespace',
                metadata: { name: `${promise}-ns` },
              },
              {
                apiVersion: 'v1',
                kind: 'Namespace',
                metadata: { name: `${promise}-extra` },
              },
            ],
          ),
        );
        await waitFor(
          'the dependency Work reconciled and the legacy label dropped',
          60_000,
          async () => {
            const now = await getWorkPlacement(
              target.metadata.namespace,
              target.metadata.name,
            );
            return (
              now.metadata.generation > target.metadata.generation &&
              !now.metadata.labels['kratix.io/misscheduled']
            );
          },
        );
        const now = await getWorkPlacement(
          target.metadata.namespace,
          target.metadata.name,
        );
        expect(now.metadata.labels['kratix.io/misplaced']).toBeUndefined();
        expect(now.metadata.labels['kratix.io/misscheduled']).toBeUndefined();
      } finally {
        await deletePromise(promise);
      }
    });
  });

  onV0125('Kratix v0.125', () => {
    it('Destinations with the same spec.path write separate directories: the cleanup deletes only its own files', async () => {
      const s = await sharedPathScenario(uniqueName('shared'));
      try {
        const item = await preflight(s.onA);
        expect(item.blocked).toBe(false);
        expect(item.destroysFilesOf).toEqual([]);
        const res = await cleanup(s.onA, true);
        expect(res.body.summary).toEqual({ deleted: 1, refused: 0, failed: 0 });
        await waitFor(
          'the misplaced WorkPlacement gone',
          STATE_STORE_WRITE_WAIT_MS,
          async () =>
            !(await getWorkPlacement(
              s.onA.metadata.namespace,
              s.onA.metadata.name,
            )),
        );
        expect(await filesIn(s.depsDir(s.a))).toEqual([]);
        expect(await filesIn(s.depsDir(s.b))).toHaveLength(1);
      } finally {
        await s.teardown();
      }
    });

    it('a WorkPlacement whose Destination is missing keeps its finalizer: the preflight says the delete cannot finish', async () => {
      const t = uniqueName('fin');
      const s = await missingDestinationScenario(t);
      try {
        await waitFor(
          'the WorkPlacement updated and labelled',
          60_000,
          async () => {
            const now = await s.findWp();
            return hasWorkload(now, s.touched) && isLabelledMisplaced(now);
          },
        );
        const now = await s.findWp();
        expect(now.metadata.finalizers).toContain(REPO_CLEANUP);
        const item = await preflight(now);
        expect(item.blocked).toBe(true);
        expect(item.blockReason).toContain('syntasso/kratix#382');
      } finally {
        // The Destination back, so that v0.125 can finish deleting the WorkPlacement.
        await createDestination(s.dest, { rulegroup: t });
        await s.teardown();
      }
    });
  });

  it('after deleting a resource WorkPlacement whose group keeps a sibling, Kratix schedules nothing', async () => {
    const t = uniqueName('sib');
    const [a, b] = [`${t}-a`, `${t}-b`];
    const promise = uniqueName('sibp');
    const work = `${promise}-res-w0rk1`;
    try {
      await createDestination(a, { rulegroup: t, side: 'a' });
      await createDestination(b, { rulegroup: t, side: 'b' });
      await applyPromise(promiseManifest(promise, [{ rulegroup: t }], []));
      await createConfigMapWork(work, promise, t, [
        {
          matchLabels: { rulegroup: t, side: 'a' },
          source: 'resource-workflow',
        },
      ]);
      const groupWps = () => listWorkPlacements(`kratix.io/work=${work}`);
      await waitFor(
        `the resource WorkPlacement on ${a} written`,
        STATE_STORE_WRITE_WAIT_MS,
        async () =>
          (
            await groupWps()
          ).some(wp => wp.spec.targetDestinationName === a && isWritten(wp)),
      );
      // A second WorkPlacement of the same group on b (as a Kratix upgrade or a hand-made copy leaves it).
      const first = (await groupWps())[0];
      const siblingName = first.metadata.name.replace(`.${a}-`, `.${b}-`);
      await customObjects().createNamespacedCustomObject({
        ...KRATIX,
        plural: 'workplacements',
        namespace: NS,
        body: {
          apiVersion: 'platform.kratix.io/v1alpha1',
          kind: 'WorkPlacement',
          metadata: {
            name: siblingName,
            namespace: NS,
            labels: {
              ...first.metadata.labels,
              'kratix.io/targetDestinationName': b,
            },
            finalizers: [REPO_CLEANUP],
            ownerReferences: first.metadata.ownerReferences,
          },
          spec: { ...first.spec, targetDestinationName: b },
        },
      });
      // The workflow now asks for b: the WorkPlacement on a becomes misplaced, the one on b matches.
      const touched = await touchWork(work, [
        {
          matchLabels: { rulegroup: t, side: 'b' },
          source: 'resource-workflow',
        },
      ]);
      await waitFor(`the WorkPlacement on ${a} misplaced`, 60_000, async () =>
        (
          await groupWps()
        ).some(
          wp =>
            wp.spec.targetDestinationName === a &&
            isLabelledMisplaced(wp) &&
            hasWorkload(wp, touched),
        ),
      );
      const onA = (await groupWps()).find(
        wp => wp.spec.targetDestinationName === a,
      )!;
      const item = await preflight(onA);
      expect(item.afterDelete).toEqual({
        kind: 'sibling-remains',
        siblings: [siblingName],
      });

      const res = await cleanup(onA);
      expect(res.body.summary).toEqual({ deleted: 1, refused: 0, failed: 0 });
      await waitFor(
        `the WorkPlacement on ${a} gone`,
        STATE_STORE_WRITE_WAIT_MS,
        async () => !(await getWorkPlacement(NS, onA.metadata.name)),
      );
      // Kratix reconciles the Work again (a new file) and updates the sibling, creating nothing.
      const again = await touchWork(work);
      await waitFor('the sibling updated by Kratix', 60_000, async () =>
        hasWorkload(await getWorkPlacement(NS, siblingName), again),
      );
      expect((await groupWps()).map(wp => wp.metadata.name)).toEqual([
        siblingName,
      ]);
    } finally {
      await deleteWork(work);
      await deletePromise(promise);
      await deleteDestination(a);
      await deleteDestination(b);
    }
  });
});
