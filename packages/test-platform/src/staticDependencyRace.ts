/*
 * A Kratix v0.125.0 race that tests must not trip over: the static-dependency Work of a Promise
 * gets a random name suffix and is looked up in the manager's cache
 * (controllers/promise_controller.go, applyWorkForStaticDependencies). The status write at the end
 * of a new Promise's first full reconcile triggers another reconcile, which may not see the Work
 * yet and creates a second one. Both are scheduled (twice the WorkPlacements, same files), and
 * from then on Kratix refuses to update either ("more than 1 work exist with the matching
 * labels", lib/resourceutil/work.go GetWorkForResourcePipeline). Seen about once in 400 Promise
 * creations under load. The test platform removes the extra Work as a platform engineer would.
 */
import {
  KRATIX,
  STATE_STORE_WRITE_WAIT_MS,
  listWorkPlacements,
  listWorks,
  updateKratixObject,
  waitFor,
} from './kratix';
import { customObjects, platformGeneration } from './platform';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The Promise's static-dependency Works, oldest first (by creationTimestamp, whole seconds; then by name). */
async function staticDependencyWorks(promise: string): Promise<any[]> {
  const works = await listWorks(
    `kratix.io/promise-name=${promise},kratix.io/work-type=static-dependency`,
  );
  return works.sort(
    (a, b) =>
      String(a.metadata.creationTimestamp).localeCompare(
        String(b.metadata.creationTimestamp),
      ) || String(a.metadata.name).localeCompare(String(b.metadata.name)),
  );
}

/**
 * Makes the duplicate the way Kratix makes it (a second Work with the same labels and spec, another
 * name suffix), since the race itself cannot be forced; answers its name.
 */
export async function createDuplicateStaticDependencyWork(
  promise: string,
): Promise<string> {
  const [kept] = await staticDependencyWorks(promise);
  if (!kept)
    throw new Error(
      `Promise ${promise} has no static-dependency Work to duplicate`,
    );
  // creationTimestamp has whole seconds: be a second younger, so that "the oldest" is the original.
  const wait = Date.parse(kept.metadata.creationTimestamp) + 1100 - Date.now();
  if (wait > 0) await sleep(wait);
  const name = `${promise}-static-deps-d0000`;
  await customObjects().createNamespacedCustomObject({
    ...KRATIX,
    plural: 'works',
    namespace: kept.metadata.namespace,
    body: {
      apiVersion: kept.apiVersion,
      kind: 'Work',
      metadata: {
        name,
        namespace: kept.metadata.namespace,
        labels: kept.metadata.labels,
      },
      spec: kept.spec,
    },
  });
  return name;
}

/**
 * Keeps the oldest static-dependency Work of a new Promise and deletes any other. The extra Work's
 * WorkPlacements wrote the same paths as the kept Work's, and their deletion removes those files
 * (stripping their finalizer does not help: the WorkPlacement controller adds it back on its next
 * reconcile, v0.125.0 controllers/workplacement_controller.go checkWorkPlacementFinalizers). So
 * the kept WorkPlacements are then made to write again: any change makes the controller rewrite
 * its files (no event filter in SetupWithManager), and a new commit gives a new status.versionID.
 * Both waits are for state-store writes, which can hang until the platform's git-watchdog ends them
 * (STATE_STORE_WRITE_WAIT_MS); a 60 s wait here timed out once in CI.
 */
export async function removeDuplicateStaticDependencyWorks(
  promise: string,
): Promise<string[]> {
  // The second reconcile follows the status write within milliseconds; give it time to show.
  await sleep(300);
  const [kept, ...extra] = await staticDependencyWorks(promise);
  if (!extra.length) return [];
  const names = new Set(extra.map(w => w.metadata.name));
  for (const work of extra) {
    process.stderr.write(
      `[test-platform] Kratix v0.125 created a second static-dependency Work for Promise ${promise} (${work.metadata.name}); removing it\n`,
    );
    try {
      await customObjects().deleteNamespacedCustomObject({
        ...KRATIX,
        plural: 'works',
        namespace: work.metadata.namespace,
        name: work.metadata.name,
      });
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }
  await waitFor(
    `extra static-dependency Works of ${promise} gone`,
    STATE_STORE_WRITE_WAIT_MS,
    async () => {
      const works = await staticDependencyWorks(promise);
      const wps = await listWorkPlacements(
        `kratix.io/work in (${[...names].join(',')})`,
      );
      return !works.some(w => names.has(w.metadata.name)) && wps.length === 0;
    },
  );
  const keptWps = await listWorkPlacements(
    `kratix.io/work=${kept.metadata.name}`,
  );
  const current = platformGeneration() === 'current';
  for (const wp of keptWps) {
    await updateKratixObject(
      {
        plural: 'workplacements',
        name: wp.metadata.name,
        namespace: wp.metadata.namespace,
      },
      obj => {
        if (current) {
          // Current Kratix reconciles a WorkPlacement only when its generation changes
          // (internal/controller/workplacement_controller.go workPlacementReconcilePredicate): change
          // the Work generation it records; the scheduler sets it back on the Work's next reconcile.
          obj.spec.generation = Number(obj.spec.generation ?? 0) + 1;
        } else {
          obj.metadata.annotations = {
            ...(obj.metadata.annotations ?? {}),
            'test-platform.kratix.io/rewrite': String(Date.now()),
          };
        }
      },
    );
  }
  await waitFor(
    `Kratix to write the files of ${kept.metadata.name} again`,
    STATE_STORE_WRITE_WAIT_MS,
    async () => {
      const now = await listWorkPlacements(
        `kratix.io/work=${kept.metadata.name}`,
      );
      return keptWps.every(before => {
        const wp = now.find(w => w.metadata.uid === before.metadata.uid);
        return (
          wp?.status?.versionID &&
          wp.status.versionID !== before.status?.versionID
        );
      });
    },
  );
  return [...names];
}
