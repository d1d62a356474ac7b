/*
 * The platform's identities: the restricted user (alice, group kratix-viewers) may read
 * WorkPlacements but the apiserver refuses (403) her delete; the admin may delete.
 */
import {
  KRATIX,
  STATE_STORE_WRITE_WAIT_MS,
  adminKubeConfig,
  applyPromise,
  customObjects,
  deletePromise,
  promiseManifest,
  restrictedKubeConfig,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '.';

describe('platform RBAC (real apiserver)', () => {
  const name = uniqueName('rbac');
  afterAll(() => deletePromise(name));

  it(
    'denies the restricted identity and allows the admin to delete a WorkPlacement',
    async () => {
      await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
      await waitFor(
        'WorkPlacement on prod-1',
        30_000,
        async () => (await workPlacementsOf(name)).length === 1,
      );
      const [wp] = await workPlacementsOf(name);
      const target = {
        ...KRATIX,
        plural: 'workplacements',
        namespace: wp.metadata.namespace,
        name: wp.metadata.name,
      };

      const alice = customObjects(restrictedKubeConfig());
      // Reading is allowed...
      const read: any = await alice.getNamespacedCustomObject(target);
      expect(read.metadata.uid).toBe(wp.metadata.uid);
      // ...deleting is not.
      await expect(
        alice.deleteNamespacedCustomObject(target),
      ).rejects.toMatchObject({ code: 403 });
      const still: any = await customObjects().getNamespacedCustomObject(
        target,
      );
      expect(still.metadata.deletionTimestamp).toBeUndefined();

      await customObjects(adminKubeConfig()).deleteNamespacedCustomObject(
        target,
      );
      // Kratix's finalizer removes the files first: a state-store write.
      await waitFor(
        'WorkPlacement deleted by admin',
        STATE_STORE_WRITE_WAIT_MS,
        async () =>
          (
            await workPlacementsOf(name)
          ).every(x => x.metadata.uid !== wp.metadata.uid),
      );
    },
    30_000 + STATE_STORE_WRITE_WAIT_MS + 30_000,
  );
});
