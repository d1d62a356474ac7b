/*
 * The clean-up of Kratix v0.125's duplicate static-dependency Work (staticDependencyRace.ts), on
 * the real platform, with a duplicate made the way Kratix makes it.
 */
import {
  applyPromise,
  deletePromise,
  destinationFiles,
  listWorks,
  promiseManifest,
  uniqueName,
  isWritten,
  waitFor,
  workPlacementsOf,
} from '.';
import {
  createDuplicateStaticDependencyWork,
  removeDuplicateStaticDependencyWorks,
} from './staticDependencyRace';

describe('duplicate static-dependency Work (Kratix v0.125 race)', () => {
  const name = uniqueName('dupdeps');
  afterAll(() => deletePromise(name));

  it('keeps the oldest Work, its WorkPlacements and the files; removes the duplicate and its WorkPlacements', async () => {
    await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
    const selector = `kratix.io/promise-name=${name},kratix.io/work-type=static-dependency`;
    const [kept] = await listWorks(selector);
    await waitFor('the kept Work written to prod-1', 60_000, async () =>
      (await workPlacementsOf(name)).some(isWritten),
    );
    const [keptWp] = await workPlacementsOf(name);
    const filesBefore = await destinationFiles(
      'prod-1',
      `dependencies/${name}/`,
    );
    expect(filesBefore.length).toBeGreaterThan(0);

    const duplicate = await createDuplicateStaticDependencyWork(name);
    // (Its write changes nothing in the store, so Kratix records no new versionID for it.)
    await waitFor('Kratix to place the duplicate too', 60_000, async () =>
      (
        await workPlacementsOf(name)
      ).some(wp => wp.metadata.labels?.['kratix.io/work'] === duplicate),
    );
    await new Promise(r => setTimeout(r, 2000));

    expect(await removeDuplicateStaticDependencyWorks(name)).toEqual([
      duplicate,
    ]);

    expect((await listWorks(selector)).map(w => w.metadata.name)).toEqual([
      kept.metadata.name,
    ]);
    const wps = await workPlacementsOf(name);
    expect(wps.map(wp => wp.metadata.uid)).toEqual([keptWp.metadata.uid]);
    // The duplicate wrote the same paths; its removal left them in place.
    expect(await destinationFiles('prod-1', `dependencies/${name}/`)).toEqual(
      filesBefore,
    );
  });
});
