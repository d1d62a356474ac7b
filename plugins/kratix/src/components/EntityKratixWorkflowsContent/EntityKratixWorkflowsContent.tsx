import { useApi } from '@backstage/core-plugin-api';
import type { WorkflowRun } from '@kratix-backstage/plugin-kratix-common';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { kratixApiRef } from '../../api';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { ReadStateCard } from '../shared';
import { WorkflowLogDialog } from './WorkflowLogDialog';
import { WorkflowRunsTable } from './WorkflowRunsTable';

const TITLE = 'Workflows';
/** Runs are Jobs, not in the backend's watch cache: read again this often while shown. */
export const WORKFLOWS_POLL_MS = 5000;

/** A Promise's workflow runs (its own and its resource requests'), newest first, polled. */
export const WorkflowsView = ({ platform, promise }: KratixPromiseRef) => {
  const api = useApi(kratixApiRef);
  const state = useAsyncRetry(
    () => api.listWorkflowRuns(platform, promise),
    [api, platform, promise],
  );
  const [updatedAt, setUpdatedAt] = useState<number>();
  const [log, setLog] = useState<{ run: WorkflowRun; container: string }>();
  const { retry, loading, value, error } = state;
  useEffect(() => {
    if (!loading && (value || error)) setUpdatedAt(Date.now());
  }, [loading, value, error]);
  useEffect(() => {
    const t = setInterval(retry, WORKFLOWS_POLL_MS);
    return () => clearInterval(t);
  }, [retry]);
  return (
    <ReadStateCard
      title={TITLE}
      read={{ value, loading, error, updatedAt, refresh: retry }}
      isEmpty={v => v.items.length === 0}
      empty={{
        title: 'No workflow runs',
        description: `Kratix has no workflow Jobs for Promise ${promise} (it has no workflows, or its runs were pruned).`,
      }}
    >
      {v => (
        <>
          <WorkflowRunsTable
            runs={v.items}
            canReadLogs={v.canReadLogs}
            onShowLog={(run, container) => setLog({ run, container })}
          />
          {log && (
            <WorkflowLogDialog
              platform={platform}
              promise={promise}
              run={log.run}
              container={log.container}
              onClose={() => setLog(undefined)}
            />
          )}
        </>
      )}
    </ReadStateCard>
  );
};

/**
 * Entity tab of a Kratix Promise: the runs of its workflows and of its resource requests'
 * (which workflow, why it ran, when, how long, outcome); a failed run links to the failing
 * container's log (needs kratix.workflow.logs.read).
 *
 * @public
 */
export const EntityKratixWorkflowsContent = () => (
  <KratixPromiseScope>{ref => <WorkflowsView {...ref} />}</KratixPromiseScope>
);
