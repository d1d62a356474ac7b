import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { createApiRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  WorkflowLogResponse,
  WorkflowRun,
  WorkflowRunsResponse,
} from '@kratix-backstage/plugin-kratix-common';

/**
 * Kratix workflow runs of a Promise and its resource requests, and their logs.
 *
 * @public
 */
export interface KratixWorkflowsApi {
  listRuns(
    platform: string,
    promise: string,
    resource?: { namespace: string; name: string },
  ): Promise<WorkflowRunsResponse>;
  readLog(
    platform: string,
    promise: string,
    run: Pick<WorkflowRun, 'namespace' | 'jobName'>,
    container: string,
  ): Promise<WorkflowLogResponse>;
}

/**
 * API reference of {@link KratixWorkflowsApi}.
 *
 * @public
 */
export const kratixWorkflowsApiRef = createApiRef<KratixWorkflowsApi>().with({
  id: 'plugin.kratix.workflows',
  pluginId: 'kratix',
});

const seg = encodeURIComponent;

/**
 * {@link KratixWorkflowsApi} over the Kratix backend's workflow routes.
 *
 * @public
 */
export class KratixWorkflowsClient implements KratixWorkflowsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('kratix');
    const res = await this.deps.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  listRuns(
    platform: string,
    promise: string,
    resource?: { namespace: string; name: string },
  ) {
    const q = resource
      ? `?resource=${seg(`${resource.namespace}/${resource.name}`)}`
      : '';
    return this.get<WorkflowRunsResponse>(
      `/platforms/${seg(platform)}/promises/${seg(promise)}/workflows${q}`,
    );
  }

  readLog(
    platform: string,
    promise: string,
    run: Pick<WorkflowRun, 'namespace' | 'jobName'>,
    container: string,
  ) {
    return this.get<WorkflowLogResponse>(
      `/platforms/${seg(platform)}/promises/${seg(promise)}/workflows/${seg(
        run.namespace,
      )}/${seg(run.jobName)}/logs?container=${seg(container)}`,
    );
  }
}
