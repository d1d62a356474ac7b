import type { WorkflowRun } from '@kratix-backstage/plugin-kratix-common';
import { useState } from 'react';
import { useWorkflowRuns } from '../../hooks/useWorkflowRuns';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { ReadStateCard } from '../shared';
import { WorkflowLogDialog } from './WorkflowLogDialog';
import { WorkflowRunsTable } from './WorkflowRunsTable';

const TITLE = 'Workflows';

/** A Promise's workflow runs (its own and its resource requests'), newest first, polled. */
export const WorkflowsView = ({ platform, promise }: KratixPromiseRef) => {
  const read = useWorkflowRuns(platform, promise);
  const [log, setLog] = useState<{ run: WorkflowRun; container: string }>();
  return (
    <ReadStateCard
      title={TITLE}
      read={read}
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
