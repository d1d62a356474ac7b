/**
 * Answers of the workflow runs API (`GET /platforms/:platform/promises/:promise/workflows` and the
 * log route): the runs of Kratix's workflow Jobs for a Promise and its resource requests.
 */

/** What Kratix ran: a Promise's own workflow or a resource request's. */
export type WorkflowType = 'promise' | 'resource';

/**
 * How a run ended, from its Job's conditions: `pending` (no pod started yet), `running`,
 * `succeeded` (Job Complete), `failed` (Job Failed).
 *
 * @public
 */
export type WorkflowRunOutcome = 'pending' | 'running' | 'succeeded' | 'failed';

/**
 * Why Kratix ran it, judged from the runs it kept of the same pipeline: `first` (no earlier kept
 * run), `promise-updated` (a resource run after the Promise's configure workflow re-ran: Kratix
 * re-runs every request's workflow after a Promise update), `input-changed` (the object's hash
 * differs from the previous run: the Promise, or the request, changed), `rerun` (same hash as the
 * previous run, e.g. a manual reconciliation).
 *
 * @public
 */
export type WorkflowRunTrigger =
  | 'first'
  | 'input-changed'
  | 'promise-updated'
  | 'rerun';

/** One container of a run's pod. */
export interface WorkflowContainerRun {
  name: string;
  /** `kratix`: Kratix's own reader, work-writer or status-writer; `workflow`: the Promise's. */
  role: 'kratix' | 'workflow';
  state: 'waiting' | 'running' | 'succeeded' | 'failed';
  exitCode?: number;
  /** Kubernetes' reason (e.g. `Error`, `ErrImagePull`, `PodInitializing`). */
  reason?: string;
  restarts: number;
}

/** One run of a workflow pipeline: one Kratix Job. */
export interface WorkflowRun {
  /** `<namespace>/<job name>`. */
  id: string;
  namespace: string;
  jobName: string;
  promise: string;
  workflowType: WorkflowType;
  /** `configure` or `delete`. */
  action: string;
  pipeline: string;
  /** The resource request, for resource workflows. */
  resource?: { namespace: string; name: string };
  trigger: WorkflowRunTrigger;
  /** Kratix's hash of the object the run was for (label kratix.io/hash). */
  objectHash?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  outcome: WorkflowRunOutcome;
  /** The Job's failure reason and message (e.g. BackoffLimitExceeded). */
  failure?: { reason?: string; message?: string; container?: string };
  /** The run's latest pod, absent once deleted (Kratix's default retries end with the pod deleted). */
  pod?: string;
  containers: WorkflowContainerRun[];
}

/** `GET /platforms/:platform/promises/:promise/workflows`: newest run first. */
export interface WorkflowRunsResponse {
  platform: string;
  promise: string;
  resource?: { namespace: string; name: string };
  items: WorkflowRun[];
  /** Whether the caller may read logs (kratix.workflow.logs.read). */
  canReadLogs: boolean;
}

/** `GET .../workflows/:namespace/:job/logs?container=`: the tail of one container's log. */
export interface WorkflowLogResponse {
  platform: string;
  namespace: string;
  jobName: string;
  pod: string;
  container: string;
  /** True when the log is the container's previous run (it restarted and waits to run again). */
  previous: boolean;
  lines: string[];
}
