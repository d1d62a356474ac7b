import { SlimWork } from '../model/objects';
import { isResourceWorkload } from './misplacement';

/**
 * A Work Kratix wrote for a Promise's `spec.dependencies` (label kratix.io/work-type=static-dependency).
 *
 * @public
 */
export function isStaticDependencyWork(
  work: Pick<SlimWork, 'resourceName' | 'workType'>,
): boolean {
  return !isResourceWorkload(work) && work.workType === 'static-dependency';
}

/** The Promise's static-dependency Works (Kratix keeps exactly one per Promise with dependencies). */
export function staticDependencyWorksOf(
  works: readonly SlimWork[],
  promise: string,
): SlimWork[] {
  return works.filter(
    w => w.promiseName === promise && isStaticDependencyWork(w),
  );
}

/**
 * Kratix v0.125.0 can create a second static-dependency Work for a new Promise: the name has a
 * random suffix and the existing Work is looked up in the manager's cache, which a quick second
 * reconcile may read before it holds the first Work (controllers/promise_controller.go,
 * applyWorkForStaticDependencies). From then on Kratix refuses to update either ("more than 1 work
 * exist with the matching labels", lib/resourceutil/work.go GetWorkForResourcePipeline): changes
 * of the Promise's dependencies or selectors no longer reach any Destination. Answers what to tell
 * the user, or undefined when there is at most one.
 *
 * @public
 */
export function duplicateStaticDependencyProblem(
  works: readonly SlimWork[],
  promise: string,
): string | undefined {
  const found = staticDependencyWorksOf(works, promise);
  if (found.length < 2) return undefined;
  const names = found.map(w => w.name).sort();
  return `Promise ${promise} has ${
    found.length
  } static-dependency Works (${names.join(
    ', ',
  )}): Kratix refuses to update any of them ("more than 1 work exist"), so changes of its dependencies or destinationSelectors do not reach the Destinations. Delete all but one of these Works (Kratix deletes their WorkPlacements and files), then let Kratix reconcile the Promise so that the remaining Work writes its files again.`;
}
