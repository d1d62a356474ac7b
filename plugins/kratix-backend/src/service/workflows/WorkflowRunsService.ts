import { NotFoundError } from '@backstage/errors';
import {
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  V1Job,
  V1Pod,
} from '@kubernetes/client-node';
import {
  WorkflowLogResponse,
  WorkflowRunsResponse,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KratixPlatformsService,
  kubeConfigFor,
  toBackstageError,
} from '@kratix-backstage/plugin-kratix-node';
import { requirePromise } from '../readModel/promiseSummary';
import { WORKFLOW_LABELS, jobsToRuns, latestPodOf } from './jobToRun';

/** Most log lines one answer carries (the tail of the container's log). */
export const MAX_LOG_LINES = 500;

interface Apis {
  core: CoreV1Api;
  batch: BatchV1Api;
}

/**
 * Kratix's workflow runs of a Promise and of its resource requests, read from the platform's Jobs
 * and Pods (Kratix keeps the last few Jobs per pipeline; kratix: lib/workflow/reconciler.go
 * pruneJobs), and the tail of a run's container log. Reads with the platform's own connection.
 */
export class WorkflowRunsService {
  private readonly apis = new Map<string, Apis>();

  constructor(private readonly registry: KratixPlatformsService) {}

  private apisFor(platform: string): Apis {
    let a = this.apis.get(platform);
    if (!a) {
      const kc: KubeConfig = kubeConfigFor(this.registry.get(platform).config);
      a = {
        core: kc.makeApiClient(CoreV1Api),
        batch: kc.makeApiClient(BatchV1Api),
      };
      this.apis.set(platform, a);
    }
    return a;
  }

  private selector(
    promise: string,
    resource?: { namespace: string; name: string },
  ): string {
    const s = [`${WORKFLOW_LABELS.promise}=${promise}`];
    if (resource) s.push(`${WORKFLOW_LABELS.resource}=${resource.name}`);
    return s.join(',');
  }

  private async jobsAndPods(
    platform: string,
    promise: string,
    resource?: { namespace: string; name: string },
  ) {
    const { core, batch } = this.apisFor(platform);
    const labelSelector = this.selector(promise, resource);
    try {
      if (resource) {
        const [jobs, pods] = await Promise.all([
          batch.listNamespacedJob({
            namespace: resource.namespace,
            labelSelector,
          }),
          core.listNamespacedPod({
            namespace: resource.namespace,
            labelSelector,
          }),
        ]);
        return { jobs: jobs.items, pods: pods.items };
      }
      const [jobs, pods] = await Promise.all([
        batch.listJobForAllNamespaces({ labelSelector }),
        core.listPodForAllNamespaces({ labelSelector }),
      ]);
      return { jobs: jobs.items, pods: pods.items };
    } catch (e) {
      throw toBackstageError(
        e,
        `workflow Jobs of Promise ${promise} on platform ${platform}`,
      );
    }
  }

  /** The runs of a Promise's workflows and its requests' (or of one request), newest first. */
  async listRuns(opts: {
    platform: string;
    promise: string;
    resource?: { namespace: string; name: string };
    canReadLogs: boolean;
  }): Promise<WorkflowRunsResponse> {
    const { platform, promise, resource } = opts;
    requirePromise(this.registry.get(platform).cache, promise);
    const { jobs, pods } = await this.jobsAndPods(platform, promise, resource);
    // Only Kratix's own Jobs of this Promise (another controller could reuse the label).
    const kratixJobs = jobs.filter(
      (j: V1Job) => j.metadata?.labels?.[WORKFLOW_LABELS.type],
    );
    return {
      platform,
      promise,
      ...(resource ? { resource } : {}),
      items: jobsToRuns(kratixJobs, pods),
      canReadLogs: opts.canReadLogs,
    };
  }

  /** The tail of one container's log of a run (the run's latest pod). */
  async readLog(opts: {
    platform: string;
    promise: string;
    namespace: string;
    jobName: string;
    container: string;
    tailLines: number;
  }): Promise<WorkflowLogResponse> {
    const { platform, promise, namespace, jobName, container } = opts;
    requirePromise(this.registry.get(platform).cache, promise);
    const { core, batch } = this.apisFor(platform);
    let job: V1Job;
    let pods: V1Pod[];
    try {
      job = await batch.readNamespacedJob({ name: jobName, namespace });
      pods = (
        await core.listNamespacedPod({
          namespace,
          labelSelector: `${WORKFLOW_LABELS.promise}=${promise}`,
        })
      ).items;
    } catch (e) {
      throw toBackstageError(e, `workflow Job ${namespace}/${jobName}`);
    }
    if (job.metadata?.labels?.[WORKFLOW_LABELS.promise] !== promise) {
      throw new NotFoundError(
        `Job ${namespace}/${jobName} is not a workflow run of Promise ${promise}`,
      );
    }
    const pod = latestPodOf(job, pods);
    if (!pod?.metadata?.name) {
      throw new NotFoundError(
        `the run ${namespace}/${jobName} has no pod any more, so its log is gone (Kubernetes deletes a failed Job's pod)`,
      );
    }
    const all = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
    ].map(c => c.name);
    if (!all.includes(container)) {
      throw new NotFoundError(
        `the run ${namespace}/${jobName} has no container "${container}" (it has: ${all.join(
          ', ',
        )})`,
      );
    }
    const statuses = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    const status = statuses.find(s => s.name === container);
    // A container waiting to restart has no current log; its previous run's log is the one to show.
    const previous = Boolean(
      status?.state?.waiting && (status.restartCount ?? 0) > 0,
    );
    if (!status || (status.state?.waiting && !previous)) {
      return {
        platform,
        namespace,
        jobName,
        pod: pod.metadata.name,
        container,
        previous: false,
        lines: [],
      };
    }
    let text: string;
    try {
      text = await core.readNamespacedPodLog({
        name: pod.metadata.name,
        namespace,
        container,
        previous,
        tailLines: Math.min(opts.tailLines, MAX_LOG_LINES),
      });
    } catch (e) {
      throw toBackstageError(
        e,
        `the log of ${namespace}/${pod.metadata.name} container ${container}`,
      );
    }
    const lines = String(text ?? '').split('\n');
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    return {
      platform,
      namespace,
      jobName,
      pod: pod.metadata.name,
      container,
      previous,
      lines,
    };
  }
}
