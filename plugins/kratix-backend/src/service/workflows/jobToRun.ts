import { V1ContainerStatus, V1Job, V1Pod } from '@kubernetes/client-node';
import {
  WorkflowContainerRun,
  WorkflowRun,
  WorkflowRunOutcome,
  WorkflowRunTrigger,
  WorkflowType,
} from '@kratix-backstage/plugin-kratix-common';

/**
 * Labels current Kratix puts on every workflow Job and its pods
 * (kratix: api/v1alpha1/pipeline_factory.go pipelineJobLabels; names in api/v1alpha1/work_types.go
 * and pipeline_types.go).
 */
export const WORKFLOW_LABELS = {
  promise: 'kratix.io/promise-name',
  resource: 'kratix.io/resource-name',
  resourceNamespace: 'kratix.io/resource-namespace',
  pipeline: 'kratix.io/pipeline-name',
  type: 'kratix.io/workflow-type',
  action: 'kratix.io/workflow-action',
  hash: 'kratix.io/hash',
} as const;
/** The Job's annotation naming its object's namespace (kratix: api/v1alpha1/work_types.go). */
const RESOURCE_NAMESPACE_ANNOTATION = 'kratix.io/job-resource-namespace';
/** The Job controller's label on a Job's pods. */
const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

const iso = (d: Date | string | undefined): string | undefined =>
  d === undefined ? undefined : new Date(d).toISOString();

function condition(job: V1Job, type: string) {
  return job.status?.conditions?.find(
    c => c.type === type && c.status === 'True',
  );
}

/** A Job's outcome from its conditions and counts. */
export function jobOutcome(job: V1Job, pod?: V1Pod): WorkflowRunOutcome {
  if (condition(job, 'Complete') || condition(job, 'SuccessCriteriaMet'))
    return 'succeeded';
  if (condition(job, 'Failed') || condition(job, 'FailureTarget'))
    return 'failed';
  if ((job.status?.active ?? 0) > 0 && pod?.status?.phase === 'Running')
    return 'running';
  if (pod?.status?.startTime) return 'running';
  return 'pending';
}

function containerRun(
  name: string,
  role: WorkflowContainerRun['role'],
  status?: V1ContainerStatus,
): WorkflowContainerRun {
  const restarts = status?.restartCount ?? 0;
  const terminated = status?.state?.terminated ?? undefined;
  const last = status?.lastState?.terminated ?? undefined;
  if (terminated) {
    return {
      name,
      role,
      state: terminated.exitCode === 0 ? 'succeeded' : 'failed',
      exitCode: terminated.exitCode,
      reason: terminated.reason,
      restarts,
    };
  }
  if (status?.state?.running) return { name, role, state: 'running', restarts };
  // Waiting: after a failure (crash loop) it still counts as failed, with the last exit code.
  if (last && last.exitCode !== 0) {
    return {
      name,
      role,
      state: 'failed',
      exitCode: last.exitCode,
      reason: status?.state?.waiting?.reason ?? last.reason,
      restarts,
    };
  }
  return {
    name,
    role,
    state: 'waiting',
    reason: status?.state?.waiting?.reason,
    restarts,
  };
}

/**
 * The containers of a run's pod in the order they run. Kratix builds the pod as init containers
 * [reader, ...the pipeline's containers, work-writer] and one container, the status-writer
 * (kratix: api/v1alpha1/pipeline_factory.go); the first and last init containers and the main
 * container are Kratix's own.
 */
export function podContainers(pod: V1Pod): WorkflowContainerRun[] {
  const inits = pod.spec?.initContainers ?? [];
  const mains = pod.spec?.containers ?? [];
  const initStatus = new Map(
    (pod.status?.initContainerStatuses ?? []).map(s => [s.name, s]),
  );
  const mainStatus = new Map(
    (pod.status?.containerStatuses ?? []).map(s => [s.name, s]),
  );
  return [
    ...inits.map((c, i) =>
      containerRun(
        c.name,
        i === 0 || i === inits.length - 1 ? 'kratix' : 'workflow',
        initStatus.get(c.name),
      ),
    ),
    ...mains.map(c => containerRun(c.name, 'kratix', mainStatus.get(c.name))),
  ];
}

/** The newest pod of a Job (a Job with restartPolicy Never makes a new pod per attempt). */
export function latestPodOf(job: V1Job, pods: V1Pod[]): V1Pod | undefined {
  const name = job.metadata?.name;
  const uid = job.metadata?.uid;
  const mine = pods.filter(
    p =>
      p.metadata?.namespace === job.metadata?.namespace &&
      (p.metadata?.ownerReferences?.some(o => o.uid === uid) ||
        p.metadata?.labels?.[JOB_NAME_LABEL] === name),
  );
  return mine.sort(
    (a, b) =>
      new Date(b.metadata?.creationTimestamp ?? 0).getTime() -
      new Date(a.metadata?.creationTimestamp ?? 0).getTime(),
  )[0];
}

/** The key of a pipeline's run history: the same pipeline for the same object. */
export function pipelineKey(job: V1Job): string {
  const l = job.metadata?.labels ?? {};
  return [
    l[WORKFLOW_LABELS.promise],
    l[WORKFLOW_LABELS.type],
    l[WORKFLOW_LABELS.action],
    l[WORKFLOW_LABELS.pipeline],
    job.metadata?.namespace,
    l[WORKFLOW_LABELS.resource] ?? '',
  ].join('|');
}

const created = (j: V1Job) =>
  new Date(j.metadata?.creationTimestamp ?? 0).getTime();

/**
 * Why a run happened, from the previous kept run of the same pipeline (see WorkflowRunTrigger).
 * A resource run's kratix.io/hash covers the Promise too (it changes when only the Promise
 * changed), so a resource run after a Promise configure run that came after its previous run is
 * put down to the Promise update. `promiseRunTimes`: creation times of the Promise's configure runs.
 */
export function runTrigger(
  job: V1Job,
  previous?: V1Job,
  promiseRunTimes: number[] = [],
): WorkflowRunTrigger {
  if (!previous) return 'first';
  const h = job.metadata?.labels?.[WORKFLOW_LABELS.hash];
  const ph = previous.metadata?.labels?.[WORKFLOW_LABELS.hash];
  if (h && ph && h === ph) return 'rerun';
  if (job.metadata?.labels?.[WORKFLOW_LABELS.type] === 'resource') {
    const from = created(previous);
    const to = created(job);
    if (promiseRunTimes.some(t => t > from && t <= to))
      return 'promise-updated';
  }
  return 'input-changed';
}

/** One Kratix workflow Job (with its latest pod, if any) as a run. */
export function jobToRun(
  job: V1Job,
  pod: V1Pod | undefined,
  previous?: V1Job,
  promiseRunTimes: number[] = [],
): WorkflowRun {
  const l = job.metadata?.labels ?? {};
  const namespace = job.metadata?.namespace ?? '';
  const workflowType: WorkflowType =
    l[WORKFLOW_LABELS.type] === 'promise' ? 'promise' : 'resource';
  const outcome = jobOutcome(job, pod);
  const containers = pod ? podContainers(pod) : [];
  const failedCondition =
    condition(job, 'Failed') ?? condition(job, 'FailureTarget');
  const failedContainer = containers.find(c => c.state === 'failed');
  const finished = condition(job, 'Complete') ?? failedCondition;
  const run: WorkflowRun = {
    id: `${namespace}/${job.metadata?.name}`,
    namespace,
    jobName: job.metadata?.name ?? '',
    promise: l[WORKFLOW_LABELS.promise] ?? '',
    workflowType,
    action: l[WORKFLOW_LABELS.action] ?? 'configure',
    pipeline: l[WORKFLOW_LABELS.pipeline] ?? '',
    trigger: runTrigger(job, previous, promiseRunTimes),
    objectHash: l[WORKFLOW_LABELS.hash],
    createdAt: iso(job.metadata?.creationTimestamp) ?? '',
    startedAt: iso(job.status?.startTime),
    finishedAt: iso(job.status?.completionTime ?? finished?.lastTransitionTime),
    outcome,
    pod: pod?.metadata?.name,
    containers,
  };
  if (workflowType === 'resource' && l[WORKFLOW_LABELS.resource]) {
    run.resource = {
      namespace:
        l[WORKFLOW_LABELS.resourceNamespace] ??
        job.metadata?.annotations?.[RESOURCE_NAMESPACE_ANNOTATION] ??
        namespace,
      name: l[WORKFLOW_LABELS.resource],
    };
  }
  if (outcome === 'failed' || failedContainer) {
    run.failure = {
      reason: failedCondition?.reason,
      message: failedCondition?.message,
      container: failedContainer?.name,
    };
  }
  return run;
}

/** Jobs and pods of one Promise as runs, newest first, each with its trigger. */
export function jobsToRuns(jobs: V1Job[], pods: V1Pod[]): WorkflowRun[] {
  const promiseRunTimes = jobs
    .filter(
      j =>
        j.metadata?.labels?.[WORKFLOW_LABELS.type] === 'promise' &&
        j.metadata?.labels?.[WORKFLOW_LABELS.action] === 'configure',
    )
    .map(created);
  const oldestFirst = [...jobs].sort((a, b) => created(a) - created(b));
  const lastOf = new Map<string, V1Job>();
  const runs: WorkflowRun[] = [];
  for (const job of oldestFirst) {
    const key = pipelineKey(job);
    runs.push(
      jobToRun(job, latestPodOf(job, pods), lastOf.get(key), promiseRunTimes),
    );
    lastOf.set(key, job);
  }
  return runs.reverse();
}
