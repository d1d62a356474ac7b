import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import type { WorkloadGroupTargeting } from '@kratix-backstage/plugin-kratix-common';
import { LabelChips, describeSelectorConflict } from '../shared';

export const FROM_WORKFLOW_TEXT =
  'from workflow output — assumed unchanged until the workflow re-runs';

/** A caption in the theme's warning colour (a selector key one source overrode). */
const WarningCaption = (props: { children: ReactNode }) => {
  const { palette } = useTheme();
  return (
    <Typography
      variant="caption"
      display="block"
      style={{ color: palette.warning.dark }}
    >
      {props.children}
    </Typography>
  );
};

const NameChips = (props: {
  names: string[];
  flagged?: (name: string) => boolean;
}) =>
  props.names.length === 0 ? (
    <Typography variant="body2" color="textSecondary">
      none
    </Typography>
  ) : (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {props.names.map(name => {
        const flagged = props.flagged?.(name);
        return (
          <Chip
            key={name}
            size="small"
            label={flagged ? `${name} (misplaced)` : name}
            color={flagged ? 'secondary' : 'default'}
            variant={flagged ? 'default' : 'outlined'}
          />
        );
      })}
    </Box>
  );

/** A row: material-table wants a unique `id` per row. */
type Row = WorkloadGroupTargeting & { id: string };

const columns: TableColumn<Row>[] = [
  {
    title: 'Work',
    render: g => (
      <>
        <Typography variant="body2">{`${g.work.namespace}/${g.work.name}`}</Typography>
        <Typography variant="caption" color="textSecondary">
          {`directory ${g.directory}`}
        </Typography>
      </>
    ),
  },
  {
    title: 'Kind',
    render: g => (
      <Typography variant="body2">
        {g.kind === 'resource' ? `resource ${g.resourceName}` : 'dependency'}
      </Typography>
    ),
  },
  {
    title: 'Merged selectors',
    render: g => (
      <>
        <LabelChips
          labels={g.matchLabels}
          origin={g.sourceOf}
          emptyText="none (matches all)"
        />
        {g.fromWorkflow && (
          <Typography variant="caption" color="textSecondary" display="block">
            <em>{FROM_WORKFLOW_TEXT}</em>
          </Typography>
        )}
        {g.conflicts.map(c => (
          <WarningCaption key={`${c.key}-${c.ignoredFrom}`}>
            {describeSelectorConflict(c)}
          </WarningCaption>
        ))}
      </>
    ),
  },
  { title: 'Matching', render: g => <NameChips names={g.matching} /> },
  {
    title: 'Placed on',
    render: g => (
      <NameChips
        names={g.placedOn}
        flagged={name => !g.matching.includes(name)}
      />
    ),
  },
];

/** Server-side paging of the workload groups (a Promise can have thousands). */
export interface WorkloadGroupPaging {
  total: number;
  page: number;
  rowsPerPage: number;
  onPageChange: (page: number) => void;
  onRowsPerPageChange: (rowsPerPage: number) => void;
}

/** The workload groups of the Promise's Works: merged selectors, matching vs placed on. */
export const WorkloadGroupTable = (props: {
  groups: WorkloadGroupTargeting[];
  paging?: WorkloadGroupPaging;
}) => {
  const { paging } = props;
  return (
    <>
      <Table<Row>
        title={paging ? `Workload groups (${paging.total})` : 'Workload groups'}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          sorting: false,
        }}
        columns={columns}
        // material-table wants a unique id per row.
        data={props.groups.map(g => ({
          ...g,
          id: `${g.work.namespace}/${g.work.name}/${g.groupId}`,
        }))}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              The Promise has no Works yet: nothing is scheduled.
            </Typography>
          </Box>
        }
      />
      {paging && paging.total > 0 && (
        <TablePagination
          component="div"
          count={paging.total}
          page={paging.page}
          rowsPerPage={paging.rowsPerPage}
          rowsPerPageOptions={[10, 25, 50, 100]}
          onPageChange={(_e, p) => paging.onPageChange(p)}
          onRowsPerPageChange={e =>
            paging.onRowsPerPageChange(parseInt(e.target.value, 10))
          }
        />
      )}
    </>
  );
};
