import { useApi } from '@backstage/core-plugin-api';
import type { WorkflowRunsResponse } from '@kratix-backstage/plugin-kratix-common';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { kratixApiRef } from '../api';
import type { PolledRead } from '../components/shared';

/** Runs are Jobs, not in the backend's watch cache: read again this often while shown. */
export const WORKFLOWS_POLL_MS = 5000;

/**
 * A Promise's workflow runs, read again every {@link WORKFLOWS_POLL_MS} while `poll` is true
 * and the browser tab is visible.
 */
export function useWorkflowRuns(
  platform: string,
  promise: string,
  poll = true,
): PolledRead<WorkflowRunsResponse> {
  const api = useApi(kratixApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listWorkflowRuns(platform, promise),
    [api, platform, promise],
  );
  const [updatedAt, setUpdatedAt] = useState<number>();
  useEffect(() => {
    if (!loading && (value || error)) setUpdatedAt(Date.now());
  }, [loading, value, error]);
  useEffect(() => {
    if (!poll) return undefined;
    const t = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) retry();
    }, WORKFLOWS_POLL_MS);
    return () => clearInterval(t);
  }, [retry, poll]);
  return { value, loading, error, updatedAt, refresh: retry };
}
