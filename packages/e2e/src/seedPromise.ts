import {
  applyPromise,
  isWritten,
  promiseManifest,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';

/**
 * The seed scenario's start for one test: Promise `name` with a Namespace dependency, selecting
 * `environment: dev`; resolves once Kratix has written its WorkPlacement on both dev Destinations.
 */
export async function applyDevPromise(name: string): Promise<void> {
  await applyPromise(
    promiseManifest(
      name,
      [{ environment: 'dev' }],
      [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: `${name}-ns` },
        },
      ],
    ),
  );
  await waitFor('two written dev WorkPlacements', 60_000, async () => {
    const wps = await workPlacementsOf(name);
    return wps.length === 2 && wps.every(isWritten);
  });
}
