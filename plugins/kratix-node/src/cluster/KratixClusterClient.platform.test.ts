import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import {
  adminKubeConfig,
  applyPromise,
  deletePromise,
  getWorkPlacement,
  kubeConfigFromFile,
  listWorkPlacements,
  platformStateDir,
  promiseManifest,
  restrictedKubeConfig,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import { resolve } from 'node:path';
import { KratixClusterClient } from './KratixClusterClient';
import { WORK_PLACEMENTS } from './kratixKinds';

/*
 * The client's hot paths (LIST pages, WorkPlacement GET and DELETE: KubeRequests.ts) against the
 * REAL local platform's apiserver: client-certificate and token authentication, continue tokens,
 * preconditions, dry run, impersonation and RBAC, each answer mapped to the Backstage error.
 */

const admin = () => new KratixClusterClient('local', adminKubeConfig());

const promise = uniqueName('client-hot-paths');

/** One of this test's own WorkPlacements, as the apiserver has it now. */
async function someWorkPlacement(): Promise<any> {
  const wp = (await workPlacementsOf(promise)).find(
    w => !w.metadata.deletionTimestamp,
  );
  if (!wp) throw new Error(`Promise ${promise} has no WorkPlacement`);
  return wp;
}

beforeAll(async () => {
  // Its own Promise on the two dev Destinations: WorkPlacements no other test touches.
  await applyPromise(promiseManifest(promise, [{ environment: 'dev' }]));
  await waitFor(`WorkPlacements of ${promise}`, 60_000, async () => {
    return (await workPlacementsOf(promise)).length === 2;
  });
}, 120_000);

afterAll(() => deletePromise(promise, 120_000), 180_000);

describe('KratixClusterClient on the real apiserver', () => {
  it('pages through a LIST with continue tokens, the same objects as one LIST', async () => {
    const expected = (await listWorkPlacements())
      .map(w => `${w.metadata.namespace}/${w.metadata.name}`)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await admin().listPage(WORK_PLACEMENTS, 1, token);
      expect(page.resourceVersion).toMatch(/^\d+$/);
      seen.push(
        ...page.items.map(w => `${w.metadata.namespace}/${w.metadata.name}`),
      );
      token = page.continueToken;
      pages += 1;
    } while (token && pages < 1000);
    expect(pages).toBe(expected.length);
    expect(seen.sort()).toEqual(expected);
  });

  it('authenticates with a bearer token as well as a client certificate', async () => {
    const token = kubeConfigFromFile(
      resolve(platformStateDir(), 'admin-token.kubeconfig'),
    );
    expect(token.getCurrentUser()?.token).toBeTruthy();
    const wp = await someWorkPlacement();
    const got = await new KratixClusterClient('local', token).getWorkPlacement(
      wp.metadata.namespace,
      wp.metadata.name,
    );
    expect(got.metadata.uid).toBe(wp.metadata.uid);
  });

  it('answers NotFound for a WorkPlacement that does not exist', async () => {
    await expect(
      admin().getWorkPlacement('default', 'no-such-workplacement-x1'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a DELETE whose preconditions no longer hold (409) and deletes nothing; a dry run deletes nothing', async () => {
    const wp = await someWorkPlacement();
    const { namespace, name, uid, resourceVersion } = wp.metadata;
    const error = await admin()
      .deleteWorkPlacement(namespace, name, {
        uid: '00000000-0000-0000-0000-000000000000',
        resourceVersion,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(
      `delete WorkPlacement ${namespace}/${name}`,
    );

    await admin().deleteWorkPlacement(
      namespace,
      name,
      { uid, resourceVersion },
      { dryRun: true },
    );
    const after = await getWorkPlacement(namespace, name);
    expect(after.metadata.uid).toBe(uid);
    expect(after.metadata.deletionTimestamp).toBeUndefined();
  });

  it('impersonates: a user without the right gets 403 (NotAllowed), and nothing is deleted', async () => {
    const wp = await someWorkPlacement();
    const { namespace, name, uid, resourceVersion } = wp.metadata;
    const error = await admin()
      .deleteWorkPlacement(
        namespace,
        name,
        { uid, resourceVersion },
        { as: { user: 'alice', groups: [] } },
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    // alice may not read either (her group is not impersonated: only the user is).
    await expect(
      admin().getWorkPlacement(namespace, name, {
        user: 'alice',
        groups: [],
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    // The restricted identity itself (a token in kratix-viewers) may read, not delete.
    const viewer = new KratixClusterClient('local', restrictedKubeConfig());
    expect((await viewer.getWorkPlacement(namespace, name)).metadata.uid).toBe(
      uid,
    );
    await expect(
      viewer.deleteWorkPlacement(namespace, name, { uid, resourceVersion }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    expect((await getWorkPlacement(namespace, name)).metadata.uid).toBe(uid);
  });

  it('answers ServiceUnavailable when nothing listens at the server', async () => {
    const kc = new KubeConfig();
    const cluster = adminKubeConfig().getCurrentCluster()!;
    kc.loadFromOptions({
      clusters: [{ ...cluster, name: 'gone', server: 'https://127.0.0.1:1' }],
      users: [{ name: 'u', token: 'unused' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
      currentContext: 'gone',
    });
    await expect(
      new KratixClusterClient('gone', kc).listPage(WORK_PLACEMENTS, 10),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
