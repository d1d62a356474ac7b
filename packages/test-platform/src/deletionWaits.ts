/*
 * Waits around deletions on the real platform, where Kratix may put back what was deleted (current
 * Kratix's scheduler) or take a while to let it go (a cleanup: all Destination's finalizer).
 */
import { KRATIX, listWorkPlacements, waitFor } from './kratix';
import { customObjects, platformGeneration } from './platform';

/**
 * Waits until none of the named Destinations exists; answers how long that took in ms, or undefined
 * when some are still there after `timeoutMs` (no error: the caller decides what a Destination still
 * in deletion means).
 */
export async function awaitDestinationsGone(
  names: string[],
  timeoutMs: number,
): Promise<number | undefined> {
  const start = Date.now();
  const wanted = new Set(names);
  try {
    await waitFor(
      `Destinations ${names.join(', ')} gone`,
      timeoutMs,
      async () => {
        const list: any = await customObjects().listClusterCustomObject({
          ...KRATIX,
          plural: 'destinations',
        });
        return !(list.items ?? []).some((d: any) =>
          wanted.has(d.metadata.name),
        );
      },
    );
  } catch {
    return undefined;
  }
  return Date.now() - start;
}

/**
 * Waits until none of the given WorkPlacement objects (by uid) exists any more, and returns the
 * WorkPlacements that carry one of their names with a new uid: current Kratix's scheduler sometimes
 * re-creates a dependency WorkPlacement that is being deleted (seen on the local platform:
 * docs/kratix-generations.md), misplaced again and with its files written again. The re-creation
 * can come just after the old object is gone (a Work reconcile that listed it from a stale cache),
 * so the answer is read only after the owning Works' reconciles have had time to run.
 */
export async function awaitDeletedOrRecreated(
  deleted: Array<{
    metadata: { namespace: string; name: string; uid: string };
  }>,
  timeoutMs = 120_000,
): Promise<any[]> {
  const uids = new Set(deleted.map(d => d.metadata.uid));
  const names = new Set(
    deleted.map(d => `${d.metadata.namespace}/${d.metadata.name}`),
  );
  const key = (wp: any) => `${wp.metadata.namespace}/${wp.metadata.name}`;
  await waitFor(
    `WorkPlacements ${[...names].join(', ')} deleted`,
    timeoutMs,
    async () =>
      (await listWorkPlacements()).every(wp => !uids.has(wp.metadata.uid)),
  );
  await awaitSchedulerPass(async () =>
    (await listWorkPlacements()).some(wp => names.has(key(wp))),
  );
  return (await listWorkPlacements()).filter(wp => names.has(key(wp)));
}

/**
 * How long current Kratix's scheduler is given to re-create a WorkPlacement after it is gone: a Work
 * reconcile that started before the deletion reached the manager's cache lists the old
 * WorkPlacement and then creates it again (internal/controller/scheduler.go reconcileWorkloadGroup
 * → applyWorkplacementsForTargetDestinations, controllerutil.CreateOrUpdate). That reconcile is
 * already running when the object goes, so it ends within milliseconds on an idle manager; a
 * dependency Work is reconciled several times a second anyway (docs/kratix-generations.md, item 1).
 * Five seconds allows for a busy manager.
 */
const SCHEDULER_PASS_MS = 5_000;

/** Returns once `recreated` says so, or after SCHEDULER_PASS_MS; at once on v0.125 (never re-creates). */
async function awaitSchedulerPass(
  recreated: () => Promise<boolean>,
): Promise<void> {
  if (platformGeneration() !== 'current') return;
  const until = Date.now() + SCHEDULER_PASS_MS;
  while (Date.now() < until) {
    if (await recreated()) return;
    await new Promise(r => setTimeout(r, 250));
  }
}
