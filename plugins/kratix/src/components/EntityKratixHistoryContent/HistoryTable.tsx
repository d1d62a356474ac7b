import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import type {
  CleanupItemResult,
  HistoryEntry,
} from '@kratix-backstage/plugin-kratix-common';
import { CleanupResultList } from '../CleanupResultList';
import { DiffView } from '../DiffView';
import { formatAge } from '../shared';

const ACTIONS: Record<HistoryEntry['action'], string> = {
  'promise.update': 'Promise updated',
  'workplacement.delete': 'Misplaced WorkPlacements cleaned up',
};

const outcomeColor = (theme: Theme, outcome: HistoryEntry['outcome']) => {
  if (outcome === 'succeeded') return theme.palette.success;
  if (outcome === 'refused') return theme.palette.warning;
  return theme.palette.error;
};

const OutcomeChip = ({ outcome }: { outcome: HistoryEntry['outcome'] }) => {
  const theme = useTheme();
  const c = outcomeColor(theme, outcome);
  return (
    <Chip
      size="small"
      label={outcome}
      style={{ backgroundColor: c.main, color: c.contrastText }}
    />
  );
};

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The details of one action: the spec diff of an update, the per-item results of a cleanup. */
export const HistoryDetails = ({ entry }: { entry: HistoryEntry }) => {
  const d = entry.details ?? {};
  const actingAs = str(d.actingAs);
  const diff = str(d.diff);
  const results = Array.isArray(d.results)
    ? (d.results as CleanupItemResult[])
    : undefined;
  return (
    <Box px={3} py={2} aria-label={`Details of ${entry.id}`}>
      <Typography variant="body2" gutterBottom>
        {entry.summary}
      </Typography>
      {actingAs && (
        <Typography variant="caption" color="textSecondary" display="block">
          {`Acted in Kubernetes as ${actingAs}`}
        </Typography>
      )}
      {d.force === true && (
        <Typography variant="caption" color="textSecondary" display="block">
          Forced (blocked WorkPlacements were deleted too)
        </Typography>
      )}
      {entry.action === 'promise.update' && diff !== undefined && (
        <Box mt={1}>
          <DiffView diff={diff} />
        </Box>
      )}
      {entry.action === 'workplacement.delete' && results && (
        <Box mt={1}>
          <CleanupResultList results={results} />
        </Box>
      )}
    </Box>
  );
};

type Row = HistoryEntry & { id: string };

const columns: TableColumn<Row>[] = [
  {
    title: 'When',
    field: 'at',
    render: e => {
      const age = formatAge(e.at);
      return (
        <>
          <Typography variant="body2">
            {new Date(e.at).toLocaleString()}
          </Typography>
          {age && (
            <Typography variant="caption" color="textSecondary">
              {`${age} ago`}
            </Typography>
          )}
        </>
      );
    },
  },
  { title: 'Who', field: 'actor' },
  {
    title: 'What',
    field: 'summary',
    render: e => (
      <>
        <Typography variant="body2">{ACTIONS[e.action] ?? e.action}</Typography>
        <Typography variant="caption" color="textSecondary">
          {e.summary}
        </Typography>
      </>
    ),
  },
  {
    title: 'Outcome',
    field: 'outcome',
    render: e => <OutcomeChip outcome={e.outcome} />,
  },
];

/** One line per action (newest first); click a line for its details. */
export const HistoryTable = (props: {
  items: HistoryEntry[];
  title?: string;
}) => {
  const rows: Row[] = [...props.items]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(e => ({ ...e }));
  return (
    <Table<Row>
      title={props.title ?? 'History'}
      subtitle="Changes made through Backstage; click a line for its details"
      options={{
        search: false,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
        detailPanelType: 'multiple',
      }}
      columns={columns}
      data={rows}
      detailPanel={({ rowData }) => <HistoryDetails entry={rowData} />}
      onRowClick={(_event, _row, togglePanel) => togglePanel?.()}
    />
  );
};
