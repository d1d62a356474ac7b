/*
 * Destination filepath modes `none` and `aggregatedYAML` on the real current manager: where
 * Kratix writes a WorkPlacement's files, and what a cleanup through our API removes, each checked
 * against what the preflight predicted. (v0.125 has no aggregatedYAML; its paths differ, see
 * docs/kratix-generations.md.)
 */
import {
  STATE_STORE_WRITE_WAIT_MS,
  applyPromise,
  createDestination,
  getWorkPlacement,
  deleteDestination,
  deletePromise,
  destinationSpecPath,
  isMisplaced,
  isWritten,
  platformGeneration,
  promiseManifest,
  stateStoreFileContent,
  stateStoreFiles,
  uniqueName,
  updateKratixObject,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
} from '../__testUtils__/platformTestBackend';

jest.setTimeout(STATE_STORE_WRITE_WAIT_MS * 4 + 180_000);

const onCurrent = platformGeneration() === 'current' ? describe : describe.skip;

const ref = (wp: any) => ({
  namespace: wp.metadata.namespace,
  name: wp.metadata.name,
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const GONE = 'gone';
const RECREATED = 're-created by Kratix, misplaced';
const STUCK = 'stuck in deletion with both finalizers';

/** What became of a deleted WorkPlacement, `left` being what now has its name (if anything). */
function outcomeOf(deleted: any, left: any): string {
  if (!left) return GONE;
  if (left.metadata.uid !== deleted.metadata.uid)
    return isMisplaced(left) ? RECREATED : 're-created, not misplaced';
  const finalizers: string[] = left.metadata.finalizers ?? [];
  return left.metadata.deletionTimestamp &&
    finalizers.includes('finalizers.workplacement.kratix.io/repo-cleanup') &&
    finalizers.includes(
      'finalizers.workplacement.kratix.io/kratix-dot-files-cleanup',
    )
    ? STUCK
    : `still there: ${JSON.stringify(left.metadata)}`;
}

onCurrent('Destination filepath modes (real current Kratix)', () => {
  let backend: PlatformTestBackend;
  const api = () => request(backend.server);
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
  });
  afterAll(() => backend?.stop());

  /** The WorkPlacement of `promise` on `destination`, once Kratix has written it. */
  async function writtenOn(promise: string, destination: string): Promise<any> {
    let found: any;
    await waitFor(
      `${promise}'s WorkPlacement on ${destination} written`,
      STATE_STORE_WRITE_WAIT_MS,
      async () => {
        found = (await workPlacementsOf(promise)).find(
          wp => wp.spec.targetDestinationName === destination,
        );
        return isWritten(found);
      },
    );
    return found;
  }

  /** Moves `promise` off `destination` and answers its WorkPlacement there, once misplaced. */
  async function misplaceOn(
    promise: string,
    selector: Record<string, string>,
    destination: string,
  ): Promise<any> {
    await applyPromise(promiseManifest(promise, [selector]));
    let wp: any;
    await waitFor(
      `${promise} misplaced on ${destination}`,
      60_000,
      async () => {
        wp = (await workPlacementsOf(promise)).find(
          w => w.spec.targetDestinationName === destination && isMisplaced(w),
        );
        return Boolean(wp);
      },
    );
    return wp;
  }

  /** The preflight through our route, once the cache has the WorkPlacement as it is now. */
  async function preflight(wp: any): Promise<any> {
    await waitFor('the cache up to date', 30_000, () =>
      Boolean(
        backend.cache.workPlacements.get(
          `${wp.metadata.namespace}/${wp.metadata.name}`,
        )?.labels?.['kratix.io/misplaced'],
      ),
    );
    const res = await api()
      .post('/api/kratix/platforms/local/cleanup/preflight')
      .send({ items: [ref(wp)] });
    expect(res.status).toBe(200);
    return res.body.items[0];
  }

  /** The cleanup through our route: the DELETE is issued. */
  async function deleteThroughRoute(wp: any): Promise<void> {
    const res = await api()
      .post('/api/kratix/platforms/local/cleanup')
      .send({ items: [ref(wp)] });
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ deleted: 1, refused: 0, failed: 0 });
  }

  /** Waits until the backend's cache holds this very WorkPlacement (same uid). */
  async function cached(wp: any): Promise<void> {
    await waitFor('the cache up to date', 30_000, () =>
      Boolean(
        backend.cache.workPlacements.get(
          `${wp.metadata.namespace}/${wp.metadata.name}`,
        )?.uid === wp.metadata.uid,
      ),
    );
  }

  /**
   * The cleanup through our route, until the WorkPlacement stays gone; answers how often Kratix
   * re-created it. Kratix's scheduler can re-create a misplaced dependency WorkPlacement that it
   * listed just before the delete finished: same name, new uid, labelled misplaced again (seen on
   * aggregatedYAML Destinations; docs/kratix-generations.md). The user then sees it in the
   * misplaced list again and cleans it again, as this does.
   */
  async function cleanUp(wp: any): Promise<number> {
    let current = wp;
    for (let recreated = 0; recreated < 3; recreated++) {
      const target = current;
      await cached(target);
      await deleteThroughRoute(target);
      await waitFor(
        'the WorkPlacement gone (its finalizer ran)',
        STATE_STORE_WRITE_WAIT_MS,
        async () =>
          (
            await getWorkPlacement(
              target.metadata.namespace,
              target.metadata.name,
            )
          )?.metadata.uid !== target.metadata.uid,
      );
      await sleep(3000); // a re-creation follows the delete at once
      const again = await getWorkPlacement(
        target.metadata.namespace,
        target.metadata.name,
      );
      const outcome = outcomeOf(target, again);
      expect([GONE, RECREATED]).toContain(outcome);
      if (outcome === GONE) return recreated;
      current = again;
    }
    throw new Error(`Kratix re-created ${wp.metadata.name} three times`);
  }

  it('mode none: files directly under the path, listed in a state file; the cleanup removes both', async () => {
    const t = uniqueName('fpnone');
    const [a, b, promise] = [`${t}-a`, `${t}-b`, `${t}-p`];
    const root = destinationSpecPath(a);
    try {
      await createDestination(
        a,
        { [t]: 'on', side: 'a' },
        {
          filepath: { mode: 'none' },
        },
      );
      await createDestination(b, { [t]: 'on', side: 'b' });
      await applyPromise(promiseManifest(promise, [{ [t]: 'on' }]));
      const written = await writtenOn(promise, a);
      const stateFile = `${root}/.kratix/${written.metadata.namespace}-${written.metadata.name}.yaml`;
      const listed = await stateStoreFileContent(stateFile);
      expect(listed).toBeDefined();
      // The state file lists the WorkPlacement's files: directly under the path (no
      // dependencies/<promise>/… directories), and they are in the store.
      const workloads = String(listed)
        .split('\n')
        .map(l => l.match(/^- (.+)$/)?.[1])
        .filter((f): f is string => Boolean(f));
      expect(workloads.length).toBeGreaterThan(0);
      const before = await stateStoreFiles();
      for (const f of workloads) {
        expect(f.startsWith(`${root}/`)).toBe(true);
        expect(f.includes('/dependencies/')).toBe(false);
        expect(before).toContain(f);
      }
      // Whatever else is under the path (Kratix's canary files) is not the WorkPlacement's.
      const others = before.filter(
        f =>
          f.startsWith(`${root}/`) && f !== stateFile && !workloads.includes(f),
      );

      const wp = await misplaceOn(promise, { [t]: 'on', side: 'b' }, a);
      const item = await preflight(wp);
      expect(item.blocked).toBe(false);
      expect(item.files).toEqual({ kind: 'removed', path: stateFile });

      expect(item.notes.join(' ')).toContain('stays in deletion for ever');

      // Mode none's delete is not idempotent: the files go first, the finalizers after. The files
      // are what the preflight promised; the object goes too unless Kratix's finalizer update
      // conflicted, and then it stays in deletion exactly as the note says.
      await deleteThroughRoute(wp);
      await waitFor(
        'the state file removed',
        STATE_STORE_WRITE_WAIT_MS,
        async () => !(await stateStoreFiles()).includes(stateFile),
      );
      await sleep(20_000);
      const left = await getWorkPlacement(
        wp.metadata.namespace,
        wp.metadata.name,
      );
      const outcome = outcomeOf(wp, left);
      expect([GONE, RECREATED, STUCK]).toContain(outcome);
      if (outcome === RECREATED) {
        // Re-created by Kratix's scheduler (see cleanUp): cleaned up again, as a user would.
        await cleanUp(left);
      } else if (outcome === STUCK) {
        // The remedy the preflight's note gives.
        await updateKratixObject(
          {
            plural: 'workplacements',
            name: wp.metadata.name,
            namespace: wp.metadata.namespace,
          },
          obj => {
            obj.metadata.finalizers = [];
          },
        );
      }
      const after = await stateStoreFiles();
      expect(after).not.toContain(stateFile);
      for (const f of workloads) expect(after).not.toContain(f);
      // Only what the state file listed is removed.
      for (const f of others) expect(after).toContain(f);
      // The WorkPlacement on b is untouched.
      expect(isWritten(await writtenOn(promise, b))).toBe(true);
    } finally {
      await deletePromise(promise).catch(() => undefined);
      await deleteDestination(a);
      await deleteDestination(b);
    }
  });

  it('mode aggregatedYAML: one file per Destination, rewritten by a cleanup while others remain, deleted with the last', async () => {
    const t = uniqueName('fpagg');
    const [a, b] = [`${t}-a`, `${t}-b`];
    const [p1, p2] = [`${t}-p1`, `${t}-p2`];
    const file = `${destinationSpecPath(a)}/aggregated.yaml`;
    const holds = async (name: string) =>
      (await stateStoreFileContent(file))?.includes(`name: ${name}-ns`) ??
      false;
    try {
      await createDestination(
        a,
        { [t]: 'on', side: 'a' },
        {
          filepath: { mode: 'aggregatedYAML' },
        },
      );
      await createDestination(b, { [t]: 'on', side: 'b' });
      await applyPromise(promiseManifest(p1, [{ [t]: 'on' }]));
      await applyPromise(promiseManifest(p2, [{ [t]: 'on', side: 'a' }]));
      await writtenOn(p1, a);
      await writtenOn(p2, a);
      await waitFor(
        'both Promises in the aggregated file',
        60_000,
        async () => (await holds(p1)) && (await holds(p2)),
      );

      // p1 leaves a while p2 stays: the file is rewritten without p1.
      const first = await misplaceOn(p1, { [t]: 'on', side: 'b' }, a);
      const rewrite = await preflight(first);
      expect(rewrite.blocked).toBe(false);
      expect(rewrite.files).toEqual({ kind: 'removed', path: file });
      expect(rewrite.notes.join(' ')).toContain(
        `rewrites ${file} without this WorkPlacement's workloads and keeps those of the 1 other WorkPlacement on it`,
      );
      await cleanUp(first);
      await waitFor(
        'p1 gone from the aggregated file',
        60_000,
        async () => !(await holds(p1)),
      );
      expect(await holds(p2)).toBe(true);

      // Then p2 leaves too: its WorkPlacement is the last one, and the file goes with it.
      const last = await misplaceOn(p2, { [t]: 'on', side: 'b' }, a);
      const remove = await preflight(last);
      expect(remove.files).toEqual({ kind: 'removed', path: file });
      expect(remove.notes.join(' ')).toContain(
        `this is its last WorkPlacement: Kratix deletes ${file}`,
      );
      await cleanUp(last);
      await waitFor(
        'the aggregated file deleted',
        60_000,
        async () => (await stateStoreFileContent(file)) === undefined,
      );
    } finally {
      await deletePromise(p1).catch(() => undefined);
      await deletePromise(p2).catch(() => undefined);
      await deleteDestination(a);
      await deleteDestination(b);
    }
  });
});
