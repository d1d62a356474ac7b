import { InfoCard, Link, Progress } from '@backstage/core-components';
import {
  PromiseUpdateResponse,
  RerunProgress,
  rerunProgress,
} from '@kratix-backstage/plugin-kratix-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useWorkflowRuns } from '../../hooks/useWorkflowRuns';
import { KratixErrorPanel, LiveStatus } from '../shared';
import { WorkflowRunsWithLogs } from './WorkflowRunsWithLogs';

function promiseLine(p: RerunProgress): string {
  if (!p.promise.expected) return 'The Promise has no configure workflow.';
  const run = p.promise.run;
  if (!run)
    return 'Promise configure workflow: waiting for Kratix to start it.';
  return `Promise configure workflow: ${run.outcome}.`;
}

function resourceLine(p: RerunProgress): string {
  const r = p.resources;
  if (r.expected === 0 && r.started === 0)
    return 'No resource request re-runs (the Promise has none).';
  if (p.promise.run?.outcome === 'failed')
    return 'Resource request workflows: not re-run, because the Promise configure workflow failed.';
  return `Resource request workflows: ${r.started} of ${r.expected} started, ${r.running} running, ${r.succeeded} succeeded, ${r.failed} failed.`;
}

/**
 * After an update is applied: the workflow runs it caused (the Promise configure workflow, then
 * every resource request's), followed every few seconds until all have finished; failures link
 * to their logs.
 */
export const WorkflowRerunsPanel = (props: {
  applied: Pick<
    PromiseUpdateResponse,
    'platform' | 'promise' | 'appliedAt' | 'effects'
  > & { appliedAt: string };
  workflowsTab?: string;
}) => {
  const { platform, promise, appliedAt, effects } = props.applied;
  const [polling, setPolling] = useState(true);
  const read = useWorkflowRuns(platform, promise, polling);
  const progress = read.value
    ? rerunProgress(read.value.items, appliedAt, effects)
    : undefined;
  if (progress?.done && polling) setPolling(false);
  const title = progress?.done
    ? 'Workflow re-runs: finished'
    : 'Workflow re-runs: following';
  return (
    <InfoCard
      title={title}
      subheader="The runs Kratix started for this update"
      action={
        <LiveStatus
          updatedAt={read.updatedAt}
          loading={read.loading}
          onRefresh={read.refresh}
          following={!progress?.done}
        />
      }
    >
      {read.error && <KratixErrorPanel error={read.error} />}
      {!progress && !read.error && <Progress />}
      {progress && (
        <>
          <Typography variant="body2">{promiseLine(progress)}</Typography>
          <Typography variant="body2" gutterBottom>
            {resourceLine(progress)}
          </Typography>
          {progress.failed.length > 0 && (
            <Typography variant="body2" color="error" gutterBottom>
              {`${progress.failed.length} failed: ${progress.failed
                .map(r => r.resource?.name ?? r.pipeline)
                .join(', ')} (open the log from the table).`}
            </Typography>
          )}
          {progress.runs.length > 0 && (
            <WorkflowRunsWithLogs
              platform={platform}
              promise={promise}
              runs={progress.runs}
              canReadLogs={read.value?.canReadLogs ?? false}
            />
          )}
          {props.workflowsTab && (
            <Typography variant="body2">
              <Link to={props.workflowsTab}>All workflow runs</Link>
            </Typography>
          )}
        </>
      )}
    </InfoCard>
  );
};
