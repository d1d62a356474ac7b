/*
 * The provider end to end against the real local Kratix platform (dev/platform) and the real
 * catalog backend: a Promise applied to the cluster shows up in the catalog with the Destinations
 * it targets as dependsOn, follows a selector change and disappears when the Promise is deleted.
 * Run with `npm run -s test:platform` (the platform must be up).
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  applyPromise,
  deletePromise,
  platformKubeconfigPath,
  promiseManifest,
  uniqueName,
  waitFor,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import { catalogModuleKratix } from './module';

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

describe('Kratix catalog provider (real platform, real catalog)', () => {
  const name = uniqueName('catalog');
  let backend: Backend | undefined;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKratix,
        mockServices.rootConfig.factory({
          data: {
            kratix: {
              platforms: [
                {
                  name: 'local',
                  kubeconfig: { path: platformKubeconfigPath() },
                },
              ],
              catalog: { defaultOwner: 'group:default/platform-team' },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await deletePromise(name);
    await backend?.stop();
  });

  const getEntity = (kind: string, entityName: string) =>
    request(backend!.server).get(
      `/api/catalog/entities/by-name/${kind}/default/${entityName}`,
    );

  /** dependsOn targets of the stitched entity, from its relations. */
  const dependsOnTargets = (entity: any): string[] =>
    (entity.relations ?? [])
      .filter((r: any) => r.type === 'dependsOn')
      .map((r: any) => r.targetRef)
      .sort();

  async function waitForEntity(
    what: string,
    check: (entity: any) => boolean,
  ): Promise<any> {
    let last: any;
    await waitFor(what, 60_000, async () => {
      const res = await getEntity('component', name);
      if (res.status !== 200) return false;
      last = res.body;
      return check(last);
    });
    return last;
  }

  it('emits, updates and removes the entity of a Promise', async () => {
    // The platform's Destinations are catalog Resources.
    await waitFor('Destination dev-1 in the catalog', 60_000, async () => {
      const res = await getEntity('resource', 'dev-1');
      return res.status === 200;
    });
    const dev1 = (await getEntity('resource', 'dev-1')).body;
    expect(dev1.spec).toMatchObject({
      type: 'kratix-destination',
      owner: 'group:default/platform-team',
    });
    expect(dev1.metadata.labels).toMatchObject({
      environment: 'dev',
      region: 'eu',
    });
    expect(dev1.metadata.annotations).toMatchObject({
      'kratix.io/destination-name': 'dev-1',
      'kratix.io/platform': 'local',
      'backstage.io/managed-by-location': 'kratix-platform:local',
    });

    // A new Promise selecting environment=dev targets dev-1 and dev-2.
    await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
    let entity = await waitForEntity(
      'the Promise entity targeting dev-1 and dev-2',
      e => {
        const t = dependsOnTargets(e);
        return (
          t.includes('resource:default/dev-1') &&
          t.includes('resource:default/dev-2')
        );
      },
    );
    expect(entity.spec).toMatchObject({
      type: 'kratix-promise',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'kratix.io/promise-name': name,
      'kratix.io/platform': 'local',
      'backstage.io/managed-by-location': 'kratix-platform:local',
      'backstage.io/managed-by-origin-location': 'kratix-platform:local',
    });
    expect(dependsOnTargets(entity)).not.toContain('resource:default/prod-1');

    // Move it to prod: the relations follow.
    await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
    entity = await waitForEntity(
      'the Promise entity targeting prod-1 only',
      e => {
        const t = dependsOnTargets(e);
        return (
          t.includes('resource:default/prod-1') &&
          !t.includes('resource:default/dev-1')
        );
      },
    );
    expect(dependsOnTargets(entity)).not.toContain('resource:default/dev-2');
    expect(entity.spec.dependsOn).toContain('resource:default/prod-1');

    // Delete it: the entity goes away.
    await deletePromise(name);
    await waitFor(
      'the Promise entity removed from the catalog',
      60_000,
      async () => {
        const res = await getEntity('component', name);
        return res.status === 404;
      },
    );
  });
});
