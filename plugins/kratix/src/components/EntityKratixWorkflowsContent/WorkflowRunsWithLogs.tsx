import type { WorkflowRun } from '@kratix-backstage/plugin-kratix-common';
import { useState } from 'react';
import { WorkflowLogDialog } from './WorkflowLogDialog';
import { WorkflowRunsTable } from './WorkflowRunsTable';

/** The runs table; a failed run's log link opens that container's log in a dialog. */
export const WorkflowRunsWithLogs = (props: {
  platform: string;
  promise: string;
  runs: WorkflowRun[];
  canReadLogs: boolean;
}) => {
  const { platform, promise } = props;
  const [log, setLog] = useState<{ run: WorkflowRun; container: string }>();
  return (
    <>
      <WorkflowRunsTable
        runs={props.runs}
        canReadLogs={props.canReadLogs}
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
  );
};
