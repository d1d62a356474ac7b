import type { PromiseUpdateEffects } from '../api/writeTypes';
import type { WorkflowRun } from '../api/workflowTypes';

/**
 * How far the workflow re-runs an applied update caused have got.
 *
 * @public
 */
export interface RerunProgress {
  /** The runs created since the update, newest first. */
  runs: WorkflowRun[];
  /** Whether the update re-runs the Promise configure workflow, and that run's outcome once seen. */
  promise: { expected: boolean; run?: WorkflowRun };
  /** Resource request re-runs: how many the update causes, how many started, how they ended. */
  resources: {
    expected: number;
    started: number;
    running: number;
    succeeded: number;
    failed: number;
  };
  /** Every expected run has started and finished. */
  done: boolean;
  failed: WorkflowRun[];
}

const finished = (r: WorkflowRun) =>
  r.outcome === 'succeeded' || r.outcome === 'failed';

/**
 * The re-runs of an update applied at `appliedAt` (the apiserver's time, to the second): the
 * configure runs created since then. Kratix re-runs the Promise configure workflow first and each
 * resource request's configure workflow after it; a retried run is one Job, so runs are counted
 * per Job, the newest per resource request.
 *
 * @public
 */
export function rerunProgress(
  runs: WorkflowRun[],
  appliedAt: string,
  effects: Pick<
    PromiseUpdateEffects,
    'promiseWorkflowRerun' | 'resourceWorkflowsRerun'
  >,
): RerunProgress {
  const since = Date.parse(appliedAt);
  const caused = runs
    .filter(r => r.action === 'configure' && Date.parse(r.createdAt) >= since)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const promiseRun = caused.find(r => r.workflowType === 'promise');
  const perRequest = new Map<string, WorkflowRun>();
  for (const r of caused) {
    if (r.workflowType !== 'resource' || !r.resource) continue;
    const key = `${r.resource.namespace}/${r.resource.name}`;
    if (!perRequest.has(key)) perRequest.set(key, r);
  }
  const latest = [...perRequest.values()];
  const count = (o: WorkflowRun['outcome']) =>
    latest.filter(r => r.outcome === o).length;
  const resources = {
    expected: effects.resourceWorkflowsRerun,
    started: latest.length,
    running: count('running') + count('pending'),
    succeeded: count('succeeded'),
    failed: count('failed'),
  };
  const promiseDone =
    !effects.promiseWorkflowRerun || (!!promiseRun && finished(promiseRun));
  const failedPromise = promiseRun?.outcome === 'failed';
  // A failed Promise configure workflow stops the Promise's reconcile before it re-runs the
  // resource requests (Reconcile returns while the workflow is not completed successfully;
  // reconcileResources is never reached: internal/controller/promise_controller.go).
  const resourcesDone =
    failedPromise ||
    (resources.started >= resources.expected && latest.every(finished));
  return {
    runs: caused,
    promise: { expected: effects.promiseWorkflowRerun, run: promiseRun },
    resources,
    done: promiseDone && resourcesDone,
    failed: caused.filter(
      r => r.outcome === 'failed' && (r === promiseRun || latest.includes(r)),
    ),
  };
}
