import { Table, TableColumn } from '@backstage/core-components';
import type { WorkflowRun } from '@kratix-backstage/plugin-kratix-common';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import { AgeText } from '../shared';

const OUTCOME_COLOR: Record<
  WorkflowRun['outcome'],
  'default' | 'primary' | 'secondary'
> = {
  pending: 'default',
  running: 'primary',
  succeeded: 'default',
  failed: 'secondary',
};

const TRIGGER_TEXT: Record<WorkflowRun['trigger'], string> = {
  first: 'first kept run',
  'input-changed': 'input changed',
  'promise-updated': 'Promise updated',
  rerun: 're-run (same input)',
};

function duration(run: WorkflowRun): string {
  if (!run.startedAt) return '';
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  const s = Math.max(0, Math.round((end - Date.parse(run.startedAt)) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Runs of a Promise's workflows, newest first; failures link to the failing container's log. */
export const WorkflowRunsTable = (props: {
  runs: WorkflowRun[];
  canReadLogs: boolean;
  onShowLog: (run: WorkflowRun, container: string) => void;
}) => {
  const { runs, canReadLogs, onShowLog } = props;
  const columns: TableColumn<WorkflowRun>[] = [
    {
      title: 'Workflow',
      render: r =>
        r.workflowType === 'promise'
          ? `Promise ${r.action} · ${r.pipeline}`
          : `${r.resource?.namespace}/${r.resource?.name} ${r.action} · ${r.pipeline}`,
    },
    { title: 'Trigger', render: r => TRIGGER_TEXT[r.trigger] },
    {
      title: 'Started',
      render: r => <AgeText since={r.startedAt ?? r.createdAt} />,
    },
    { title: 'Duration', render: r => duration(r) },
    {
      title: 'Outcome',
      render: r => (
        <Chip size="small" label={r.outcome} color={OUTCOME_COLOR[r.outcome]} />
      ),
    },
    {
      title: 'Details',
      render: r => {
        const failed = r.failure?.container;
        const text = r.failure
          ? [failed && `container ${failed} failed`, r.failure.reason]
              .filter(Boolean)
              .join(': ')
          : '';
        if (!failed || !r.pod) return text;
        if (!canReadLogs) {
          return (
            <Tooltip title="Reading workflow logs needs the kratix.workflow.logs.read permission">
              <span>{text}</span>
            </Tooltip>
          );
        }
        return (
          <Link component="button" onClick={() => onShowLog(r, failed)}>
            {text} · show log
          </Link>
        );
      },
    },
  ];
  return (
    <Table<WorkflowRun>
      title="Workflow runs"
      options={{
        paging: runs.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={runs}
    />
  );
};
