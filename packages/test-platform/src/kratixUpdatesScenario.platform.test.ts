/*
 * The scenario of the Kratix "Updates" docs page, end to end against the real Kratix manager on
 * the local platform: a Promise moved from environment=dev to environment=prod leaves misplaced
 * WorkPlacements on the dev Destinations; deleting one removes its files from the state store.
 */
import {
  KRATIX,
  PLATFORM_NAMESPACE,
  applyPromise,
  awaitDeletedOrRecreated,
  customObjects,
  deletePromise,
  destinationFiles,
  isMisplaced,
  isWritten,
  platformGeneration,
  promiseManifest,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '.';

const byDestination = (wps: any[]) =>
  Object.fromEntries(wps.map(wp => [wp.spec.targetDestinationName, wp]));

describe('Kratix Updates scenario (real controller)', () => {
  const name = uniqueName('updates');
  afterAll(() => deletePromise(name));

  it('marks WorkPlacements misplaced after a selector change and deletes files with them', async () => {
    const depsFoo = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' } },
    ];
    await applyPromise(
      promiseManifest(name, [{ environment: 'dev' }], depsFoo),
    );

    // One WorkPlacement per dev Destination, written to the state store.
    await waitFor(
      'a WorkPlacement on each dev Destination, written',
      60_000,
      async () => {
        const wps = await workPlacementsOf(name);
        return wps.length === 2 && wps.every(isWritten);
      },
    );
    let wps = await workPlacementsOf(name);
    expect(Object.keys(byDestination(wps)).sort()).toEqual(['dev-1', 'dev-2']);
    for (const wp of wps) {
      expect(wp.metadata.namespace).toBe(PLATFORM_NAMESPACE);
      expect(wp.metadata.labels['kratix.io/work']).toMatch(
        new RegExp(`^${name}-static-deps-`),
      );
      expect(wp.metadata.name).toBe(
        `${wp.metadata.labels['kratix.io/work']}.${wp.spec.targetDestinationName}-5058f`,
      );
      expect(isMisplaced(wp)).toBe(false);
    }
    for (const d of ['dev-1', 'dev-2']) {
      expect(await destinationFiles(d, `dependencies/${name}/`)).toEqual([
        `destinations/${d}/dependencies/${name}/5058f/static/${name}-dependencies.yaml`,
      ]);
    }
    expect(await destinationFiles('prod-1', `dependencies/${name}/`)).toEqual(
      [],
    );

    // Move the Promise to prod and change its dependencies.
    const depsBar = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bar' } },
    ];
    await applyPromise(
      promiseManifest(name, [{ environment: 'prod' }], depsBar),
    );
    await waitFor(
      'prod WorkPlacement written and dev ones misplaced',
      30_000,
      async () => {
        const all = byDestination(await workPlacementsOf(name));
        return Boolean(
          isWritten(all['prod-1']) &&
            isMisplaced(all['dev-1'] ?? {}) &&
            isMisplaced(all['dev-2'] ?? {}),
        );
      },
    );
    wps = await workPlacementsOf(name);
    const after = byDestination(wps);
    expect(Object.keys(after).sort()).toEqual(['dev-1', 'dev-2', 'prod-1']);
    expect(isMisplaced(after['prod-1'])).toBe(false);
    // Kratix v0.125.0 uses the legacy label; current Kratix kratix.io/misplaced.
    for (const d of ['dev-1', 'dev-2']) {
      const labels = after[d].metadata.labels;
      expect(
        labels['kratix.io/misscheduled'] ?? labels['kratix.io/misplaced'],
      ).toBe('true');
    }
    expect(await destinationFiles('prod-1', `dependencies/${name}/`)).toEqual([
      `destinations/prod-1/dependencies/${name}/5058f/static/${name}-dependencies.yaml`,
    ]);
    // Misplaced files are not removed by Kratix.
    expect(
      await destinationFiles('dev-1', `dependencies/${name}/`),
    ).toHaveLength(1);

    // Deleting a misplaced WorkPlacement removes its files from the state store (finalizer).
    // Current Kratix's scheduler sometimes re-creates a dependency WorkPlacement it sees being deleted
    // (docs/kratix-generations.md); deleting again is what a platform engineer does then.
    let victim = after['dev-1'];
    let recreations = 0;
    for (;;) {
      await customObjects().deleteNamespacedCustomObject({
        ...KRATIX,
        plural: 'workplacements',
        namespace: victim.metadata.namespace,
        name: victim.metadata.name,
      });
      const recreated = await awaitDeletedOrRecreated([victim]);
      if (!recreated.length) break;
      recreations += 1;
      expect(recreations).toBeLessThan(4);
      victim = recreated[0];
    }
    // v0.125 never re-creates it.
    expect(recreations === 0 || platformGeneration() === 'current').toBe(true);
    expect(await destinationFiles('dev-1', `dependencies/${name}/`)).toEqual(
      [],
    );
    // The other misplaced one and the placed one are untouched.
    expect(
      await destinationFiles('dev-2', `dependencies/${name}/`),
    ).toHaveLength(1);
    expect(
      await destinationFiles('prod-1', `dependencies/${name}/`),
    ).toHaveLength(1);
    expect(
      Object.keys(byDestination(await workPlacementsOf(name))).sort(),
    ).toEqual(['dev-2', 'prod-1']);
  });
});
