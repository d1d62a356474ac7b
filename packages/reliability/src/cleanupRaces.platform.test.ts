/*
 * Reliability: nothing wrongly deleted. Against the real Kratix manager, WorkPlacements that
 * change between the cleanup preflight and the delete are never deleted, when the cleanup carries
 * the uid and spec generation the preflight showed (as the UI sends them):
 *  - moved back: the Promise's selectors go back, Kratix un-marks them;
 *  - replaced: deleted and recreated by Kratix (new uid), then misplaced again;
 *  - Destination back: the Destination is relabelled so that it matches again (v0.125.0).
 * "immediate" runs fire the cleanup right after the change, racing Kratix's reaction; "settled"
 * runs wait for Kratix first. Each run ends with a positive control: a fresh preflight + cleanup
 * deletes what is misplaced by then, so a refusal is never just a broken cleanup.
 */
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  applyPromise,
  createDestination,
  customObjects,
  deleteDestination,
  deletePromise,
  isMisplaced,
  KRATIX,
  KratixTestBackend,
  platformKubeconfigPath,
  promiseManifest,
  startKratixTestBackend,
  uniqueName,
  updateKratixObject,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import {
  kratixStateOf,
  ofPromise,
  snapshotKratix,
  waitSettled,
} from './__testUtils__/cluster';
import { awaitMisplacedExactlyOn } from './__testUtils__/misplacedOn';
import { Item, modeOf, RunResult } from './__testUtils__/raceRun';
import { reportCategory } from './__testUtils__/report';

const RUNS = 5;

describe('reliability: cleanup races against the real Kratix', () => {
  let backend: KratixTestBackend;
  const results: RunResult[] = [];

  /**
   * Cleanup of a run's objects. A slow Kratix (a busy shared platform) may take minutes to run the
   * finalizers: that is reported, not counted as a failed race (the deletion has been requested).
   */
  const slowTeardowns: string[] = [];
  const tearDown = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      slowTeardowns.push(String(e));
    }
  };

  beforeAll(async () => {
    backend = await startKratixTestBackend({
      plugin: kratixBackendPlugin,
      platforms: [
        { name: 'local', kubeconfig: { path: platformKubeconfigPath() } },
      ],
      waitSynced: ['local'],
    });
  }, 240_000);

  afterAll(async () => {
    const wrong = results.filter(r => r.wronglyDeleted.length > 0).length;
    if (process.env.RELIABILITY_DEBUG)
      process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
    const immediate = results.filter(r => r.mode === 'immediate').length;
    reportCategory(
      'wrong-deletion races',
      results.length,
      results.length - wrong,
      `${
        new Set(results.map(r => r.race)).size
      } races × ${RUNS} runs, ${immediate} immediate and ${
        results.length - immediate
      } settled; passed = nothing wrongly deleted${
        slowTeardowns.length
          ? `; ${slowTeardowns.length} teardown(s) still pending: ${slowTeardowns[0]}`
          : ''
      }`,
    );
    await backend?.stop();
  }, 240_000);

  const api = () => request(backend.server);
  const misplacedInCache = (promise: string) =>
    backend.registry
      .get('local')
      .cache.workPlacements.byIndex('misplacedByPromise', promise).length;

  async function preflightItems(promise: string): Promise<Item[]> {
    const res = await api()
      .post('/api/kratix/platforms/local/cleanup/preflight')
      .send({ all: true, promise });
    expect(res.status).toBe(200);
    // As the UI sends them: uid + spec generation (current Kratix re-stamps annotations every few seconds).
    return res.body.items.map((i: any) => ({
      namespace: i.namespace,
      name: i.name,
      uid: i.uid,
      generation: i.generation,
    }));
  }

  /** The raced cleanup, then proof that none of the items' current objects was deleted. */
  async function racedCleanup(items: Item[]) {
    const names = new Set(items.map(i => i.name));
    const listWps = async () =>
      (
        (
          (await customObjects().listClusterCustomObject({
            ...KRATIX,
            plural: 'workplacements',
          })) as any
        ).items as any[]
      ).filter(wp => names.has(wp.metadata.name));
    const before = await listWps();
    const res = await api()
      .post('/api/kratix/platforms/local/cleanup')
      .send({ items });
    expect(res.status).toBe(200);
    // Give a delete that was issued anyway time to show (deletionTimestamp, then gone).
    await new Promise(r => setTimeout(r, 1500));
    const after = new Map((await listWps()).map(wp => [wp.metadata.uid, wp]));
    const wronglyDeleted = [
      ...res.body.results
        .filter((r: any) => r.outcome === 'deleted')
        .map((r: any) => `${r.name} (reported deleted)`),
      ...before
        .filter(
          wp =>
            !after.has(wp.metadata.uid) ||
            after.get(wp.metadata.uid).metadata.deletionTimestamp,
        )
        .map(wp => `${wp.metadata.name} (gone or being deleted)`),
    ];
    return {
      wronglyDeleted,
      reasons: res.body.results.map((r: any) => `${r.outcome}: ${r.reason}`),
    };
  }

  /**
   * Positive control: once Kratix has settled on exactly `misplacedOn` (else the preflight may
   * rightly name a WorkPlacement the cleanup, as rightly, refuses), a fresh preflight + cleanup
   * deletes what is misplaced.
   */
  async function control(
    promise: string,
    misplacedOn: string[],
  ): Promise<number> {
    await awaitMisplacedExactlyOn(backend, promise, misplacedOn);
    await waitSettled(() =>
      snapshotKratix(undefined, ofPromise(promise), kratixStateOf),
    );
    const items = await preflightItems(promise);
    const res = await api()
      .post('/api/kratix/platforms/local/cleanup')
      .send({ items });
    if (res.body.summary?.deleted !== misplacedOn.length) {
      throw new Error(
        `control cleanup of ${promise}: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body.summary.deleted;
  }

  async function misplacedDevPromise(promise: string) {
    await applyPromise(promiseManifest(promise, [{ environment: 'dev' }]));
    await waitFor(
      `${promise} on dev`,
      90_000,
      async () => (await workPlacementsOf(promise)).length === 2,
    );
    await applyPromise(promiseManifest(promise, [{ environment: 'prod' }]));
    await waitFor(
      `${promise} dev WorkPlacements misplaced`,
      90_000,
      async () => {
        const wps = await workPlacementsOf(promise);
        return wps.length === 3 && wps.filter(isMisplaced).length === 2;
      },
    );
    await waitFor(
      `${promise} misplaced in the cache`,
      90_000,
      () => misplacedInCache(promise) === 2,
    );
  }

  async function raceMovedBack(run: number): Promise<RunResult> {
    const promise = uniqueName('rel-race-back');
    const mode = modeOf(run);
    try {
      await misplacedDevPromise(promise);
      const items = await preflightItems(promise);
      await applyPromise(promiseManifest(promise, [{ environment: 'dev' }]));
      if (mode === 'settled') {
        await waitFor(
          `${promise} dev WorkPlacements un-marked`,
          90_000,
          async () =>
            (await workPlacementsOf(promise))
              .filter(wp => wp.spec.targetDestinationName !== 'prod-1')
              .every(wp => !isMisplaced(wp)),
        );
      }
      const raced = await racedCleanup(items);
      // Kratix now marks the prod-1 WorkPlacement misplaced.
      const controlDeleted = await control(promise, ['prod-1']);
      return { race: 'moved back', run, mode, ...raced, controlDeleted };
    } finally {
      await tearDown(() => deletePromise(promise, 180_000));
    }
  }

  async function raceReplaced(run: number): Promise<RunResult> {
    const promise = uniqueName('rel-race-repl');
    try {
      await misplacedDevPromise(promise);
      const items = await preflightItems(promise);
      const dev1 = items.find(i => i.name.endsWith('.dev-1-5058f'))!;
      // Back to dev (un-marked), delete dev-1's WorkPlacement: Kratix recreates it (new uid)...
      await applyPromise(promiseManifest(promise, [{ environment: 'dev' }]));
      await waitFor(`${promise} un-marked`, 90_000, async () =>
        (await workPlacementsOf(promise))
          .filter(wp => wp.spec.targetDestinationName !== 'prod-1')
          .every(wp => !isMisplaced(wp)),
      );
      await customObjects().deleteNamespacedCustomObject({
        ...KRATIX,
        plural: 'workplacements',
        namespace: dev1.namespace,
        name: dev1.name,
      });
      await waitFor(
        `${promise} dev-1 WorkPlacement recreated`,
        90_000,
        async () =>
          (
            await workPlacementsOf(promise)
          ).some(
            wp =>
              wp.metadata.name === dev1.name && wp.metadata.uid !== dev1.uid,
          ),
      );
      // ...then to prod again: the same names are misplaced again, but they are not what was reviewed.
      await applyPromise(promiseManifest(promise, [{ environment: 'prod' }]));
      await waitFor(`${promise} misplaced again`, 90_000, async () => {
        const wps = await workPlacementsOf(promise);
        return (
          wps.filter(isMisplaced).length === 2 &&
          wps.some(wp => wp.metadata.name === dev1.name && isMisplaced(wp))
        );
      });
      // The backend must have seen it too, or its cache answers "not misplaced" before any re-read.
      await waitFor(`${promise} misplaced again in the cache`, 90_000, () => {
        const cached = backend.registry
          .get('local')
          .cache.workPlacements.byIndex('misplacedByPromise', promise);
        return (
          cached.length === 2 &&
          cached.some(wp => wp.name === dev1.name && wp.uid !== dev1.uid)
        );
      });
      // The cleanup names the replaced WorkPlacement as reviewed (old uid). (Its sibling on dev-2 is
      // the same object, misplaced again with the same spec: deleting it would be right, so it is not
      // part of this race.)
      const raced = await racedCleanup([dev1]);
      const controlDeleted = await control(promise, ['dev-1', 'dev-2']);
      return {
        race: 'replaced',
        run,
        mode: 'settled',
        ...raced,
        controlDeleted,
      };
    } finally {
      await tearDown(() => deletePromise(promise, 180_000));
    }
  }

  const relabel = (destination: string, labels: Record<string, string>) =>
    updateKratixObject({ plural: 'destinations', name: destination }, obj => {
      obj.metadata.labels = labels;
    });

  async function raceDestinationBack(run: number): Promise<RunResult> {
    const destination = uniqueName('rel-race-dest');
    const promise = uniqueName('rel-race-destp');
    const mode = modeOf(run);
    const key = 'reliability.kratix.io/race';
    try {
      await createDestination(destination, { [key]: destination });
      await applyPromise(promiseManifest(promise, [{ [key]: destination }]));
      await waitFor(
        `${promise} placed on ${destination}`,
        90_000,
        async () => (await workPlacementsOf(promise)).length === 1,
      );
      await relabel(destination, { [key]: 'away' });
      await waitFor(`${promise} misplaced`, 90_000, async () =>
        (await workPlacementsOf(promise)).every(isMisplaced),
      );
      await waitFor(
        `${promise} misplaced in the cache`,
        90_000,
        () => misplacedInCache(promise) === 1,
      );
      const items = await preflightItems(promise);
      await relabel(destination, { [key]: destination });
      if (mode === 'settled') {
        await waitFor(`${promise} un-marked`, 90_000, async () =>
          (await workPlacementsOf(promise)).every(wp => !isMisplaced(wp)),
        );
      }
      const raced = await racedCleanup(items);
      // Away once more: misplaced again, and the control deletes it.
      await relabel(destination, { [key]: 'away' });
      await waitFor(`${promise} misplaced again`, 90_000, async () =>
        (await workPlacementsOf(promise)).every(isMisplaced),
      );
      const controlDeleted = await control(promise, [destination]);
      return { race: 'destination back', run, mode, ...raced, controlDeleted };
    } finally {
      await tearDown(async () => {
        await deletePromise(promise, 180_000);
        await deleteDestination(destination);
      });
    }
  }

  const runAll = async (race: (run: number) => Promise<RunResult>) => {
    const mine = await Promise.all(
      Array.from({ length: RUNS }, (_, run) => race(run)),
    );
    results.push(...mine);
    return mine;
  };

  it('never deletes a WorkPlacement whose Promise selectors moved back', async () => {
    const mine = await runAll(raceMovedBack);
    expect(
      mine.map(r => ({
        mode: r.mode,
        wronglyDeleted: r.wronglyDeleted,
        reasons: r.reasons,
      })),
    ).toEqual(
      mine.map(r => ({ mode: r.mode, wronglyDeleted: [], reasons: r.reasons })),
    );
    expect(mine.map(r => r.controlDeleted)).toEqual(mine.map(() => 1));
  }, 400_000);

  it('never deletes a WorkPlacement that Kratix replaced (new uid) since the preflight', async () => {
    const mine = await runAll(raceReplaced);
    expect(mine.map(r => r.wronglyDeleted)).toEqual(mine.map(() => []));
    const expected = (reasons: string[]) =>
      reasons.length === 1 &&
      reasons[0] === 'refused: replaced by a new object (uid changed)';
    const unexpected = mine.filter(r => !expected(r.reasons));
    // One short line per surprise, so that a CI log cut to its first lines still says what happened.
    for (const r of unexpected)
      process.stdout.write(
        `[reliability] replaced race run ${
          r.run
        }: unexpected reasons ${JSON.stringify(r.reasons)}\n`,
      );
    expect(unexpected.map(r => r.reasons)).toEqual([]);
    expect(mine.map(r => r.controlDeleted)).toEqual(mine.map(() => 2));
  }, 400_000);

  it('never deletes a WorkPlacement whose Destination matches again', async () => {
    const mine = await runAll(raceDestinationBack);
    expect(
      mine.map(r => ({
        mode: r.mode,
        wronglyDeleted: r.wronglyDeleted,
        reasons: r.reasons,
      })),
    ).toEqual(
      mine.map(r => ({ mode: r.mode, wronglyDeleted: [], reasons: r.reasons })),
    );
    expect(mine.map(r => r.controlDeleted)).toEqual(mine.map(() => 1));
  }, 400_000);
});
