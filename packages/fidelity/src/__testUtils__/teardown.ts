/*
 * Ends a fidelity scenario: deletes its Promise (Kratix deletes its Works, WorkPlacements and
 * files), then its Destinations, working around what Kratix v0.125 cannot finish on its own.
 */
import {
  KRATIX,
  createDestination,
  createStateStoreLikeLocal,
  customObjects,
  deleteDestination,
  deleteGitStateStore,
  listWorkPlacements,
  updateKratixObject,
  waitFor,
} from '@kratix-backstage/test-platform';
import { ScenarioObserver } from './observation';
import { missingStoreName } from './stepKit';
import { Ctx } from './results';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const code = (e: unknown) => (e as { code?: number }).code;

const dropFinalizers = (wp: any) =>
  updateKratixObject(
    {
      plural: 'workplacements',
      name: wp.metadata.name,
      namespace: wp.metadata.namespace,
    },
    obj => {
      obj.metadata.finalizers = [];
    },
  );

/**
 * Deletes the Promise, then the scenario's Destinations; answers the Destinations it had to leave.
 * v0.125: a WorkPlacement whose Destination is gone can never finish deleting (#382), so deleted
 * Destinations that still carry WorkPlacements of the Promise are first re-created (with a label no
 * selector asks for), and Destinations are deleted only once no WorkPlacement targets them.
 */
export async function tearDownScenario(
  ctx: Ctx,
  observer: ScenarioObserver,
): Promise<string[]> {
  const { plan } = ctx;
  const api = customObjects();
  const existing = new Set<string>(
    (
      (await api.listClusterCustomObject({
        ...KRATIX,
        plural: 'destinations',
      })) as any
    ).items.map((d: any) => d.metadata.name),
  );
  const recreate = async (names: string[]) => {
    for (const name of names) {
      await createDestination(
        name,
        { [plan.keys.gone]: 'true' },
        { strictMatchLabels: true },
      );
      ctx.live.set(name, {
        name,
        labels: { [plan.keys.gone]: 'true' },
        strictMatchLabels: true,
      });
      existing.add(name);
    }
    if (names.length === 0) return;
    // The canary files survive a Destination (v0.125 never removes them), so they cannot tell
    // whether the re-created Destination has been reconciled: give its reconcile (which
    // re-schedules every dependency Work, ours included) time to run before the Promise goes.
    await observer.waitLive(names);
    await sleep(3000);
  };
  const orphanTargets = async () => [
    ...new Set(
      (await observer.observe(ctx))
        .map(wp => String(wp.spec.targetDestinationName))
        .filter(d => !existing.has(d)),
    ),
  ];
  await recreate((await orphanTargets()).filter(d => ctx.created.has(d)));
  // Destinations whose store is missing can delete nothing: the store is created for the teardown.
  const storeless = [...ctx.live.values()]
    .filter(d => d.storeMissing)
    .map(d => d.name);
  if (storeless.length > 0) {
    await createStateStoreLikeLocal(missingStoreName(ctx));
    await observer.waitLive(storeless);
  }

  try {
    await api.deleteClusterCustomObject({
      ...KRATIX,
      plural: 'promises',
      name: plan.promise,
    });
  } catch (e) {
    if (code(e) !== 404) throw e;
  }
  const promiseGone = async () => {
    try {
      await api.getClusterCustomObject({
        ...KRATIX,
        plural: 'promises',
        name: plan.promise,
      });
      return false;
    } catch (e) {
      return code(e) === 404;
    }
  };
  try {
    await waitFor(`Promise ${plan.promise} deleted`, 180_000, promiseGone);
  } catch {
    // A WorkPlacement on a Destination deleted meanwhile by someone else (an empty-selector
    // scenario reaches other tests' Destinations): re-create ours, release the others (files stay).
    const orphans = await orphanTargets();
    await recreate(orphans.filter(d => ctx.created.has(d)));
    for (const wp of await observer.observe(ctx)) {
      const dest = wp.spec.targetDestinationName;
      if (ctx.created.has(dest) || existing.has(dest)) continue;
      ctx.notes.push(
        `removed the finalizers of ${wp.metadata.name} (its Destination is gone)`,
      );
      await dropFinalizers(wp);
    }
    await waitFor(`Promise ${plan.promise} deleted`, 300_000, promiseGone);
  }
  await sweepOrphans(ctx, observer, existing);

  const leaked: string[] = [];
  for (const name of [...ctx.live.keys()]) {
    try {
      await waitFor(`no WorkPlacement on ${name}`, 20_000, async () =>
        (
          await listWorkPlacements()
        ).every(wp => wp.spec?.targetDestinationName !== name),
      );
    } catch {
      leaked.push(name);
      ctx.notes.push(
        `left Destination ${name}: other Promises still have WorkPlacements on it`,
      );
      continue;
    }
    await deleteDestination(name);
    ctx.live.delete(name);
  }
  if (storeless.length > 0) {
    // Their deletion needs the store (its finalizer removes their files): it goes last.
    await waitFor(
      'the Destinations that lacked a store deleted',
      120_000,
      async () => {
        const names = new Set(
          (
            (await api.listClusterCustomObject({
              ...KRATIX,
              plural: 'destinations',
            })) as any
          ).items.map((d: any) => d.metadata.name),
        );
        return storeless.every(n => leaked.includes(n) || !names.has(n));
      },
    );
    await deleteGitStateStore(missingStoreName(ctx));
  }
  return leaked;
}

/**
 * Kratix v0.125 behaviour (seen with seed 117, run nonce 8rn): a Destination reconcile calls
 * ReconcileAllDependencyWorks, which re-schedules every dependency Work WITHOUT skipping Works
 * being deleted (controllers/scheduler.go:43-59). If it runs while the Promise's static-dependency
 * Work is being deleted, it re-creates WorkPlacements the Work finalizer has just deleted; the
 * finalizer can then see none in its cache, let the Work go, and the re-created WorkPlacements
 * are left owned by a Work that no longer exists. A real cluster's garbage collector deletes
 * them (ownerReference to a missing owner); this platform has no kube-controller-manager, so
 * the runner does the collector's job for its own WorkPlacements.
 */
async function sweepOrphans(
  ctx: Ctx,
  observer: ScenarioObserver,
  existing: Set<string>,
): Promise<void> {
  const orphans = await observer.observe(ctx);
  if (orphans.length === 0) return;
  ctx.notes.push(
    `Kratix re-created ${orphans.length} WorkPlacement(s) of the static-dependency Work while it was being deleted (ReconcileAllDependencyWorks does not skip deleting Works); deleted them as a garbage collector would`,
  );
  const api = customObjects();
  for (const wp of orphans) {
    // Its Destination is gone: it could never finish deleting (#382); the files stay.
    if (!existing.has(String(wp.spec.targetDestinationName)))
      await dropFinalizers(wp);
    try {
      await api.deleteNamespacedCustomObject({
        ...KRATIX,
        plural: 'workplacements',
        namespace: wp.metadata.namespace,
        name: wp.metadata.name,
      });
    } catch (e) {
      if (code(e) !== 404) throw e;
    }
  }
  await waitFor(
    `orphan WorkPlacements of ${ctx.plan.promise} deleted`,
    60_000,
    async () => (await observer.observe(ctx)).length === 0,
  );
}
