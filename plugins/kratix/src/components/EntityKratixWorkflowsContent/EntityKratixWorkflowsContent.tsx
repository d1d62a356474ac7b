import { useWorkflowRuns } from '../../hooks/useWorkflowRuns';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { ReadStateCard } from '../shared';
import { WorkflowRunsWithLogs } from './WorkflowRunsWithLogs';

const TITLE = 'Workflows';

/** A Promise's workflow runs (its own and its resource requests'), newest first, polled. */
export const WorkflowsView = ({ platform, promise }: KratixPromiseRef) => {
  const read = useWorkflowRuns(platform, promise);
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
        <WorkflowRunsWithLogs
          platform={platform}
          promise={promise}
          runs={v.items}
          canReadLogs={v.canReadLogs}
        />
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
