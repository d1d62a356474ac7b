import { useMemo, useState } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  DestinationTargeting,
  describeMismatch,
} from '@kratix-backstage/plugin-kratix-common';
import { useTheme } from '@material-ui/core/styles';
import type { KratixEntityLinks } from '../../hooks/useKratixEntityLinks';
import { LinkedName } from '../MisplacedTable/cells';
import { LabelChips, ReadinessChip, UnknownReadinessNote } from '../shared';

/** A row of the table: material-table wants a unique `id` per row. */
type Row = DestinationTargeting & { id: string };

export type TargetingFilter = 'all' | 'targeted' | 'not-targeted';

const FILTERS: Array<[TargetingFilter, string]> = [
  ['all', 'All'],
  ['targeted', 'Targeted'],
  ['not-targeted', 'Not targeted'],
];

/** Why a Destination is not selected: the backend's texts, else the shared rule's. */
function reasonsOf(d: DestinationTargeting): string[] {
  return d.reasonTexts.length ? d.reasonTexts : d.reasons.map(describeMismatch);
}

/** Label keys a mismatch reason is about, to highlight. */
function mismatchedKeys(d: DestinationTargeting): string[] {
  return d.reasons.flatMap(r =>
    r.type === 'missing-label' || r.type === 'different-value' ? [r.key] : [],
  );
}

const TargetedChip = () => {
  const theme = useTheme();
  return (
    <Chip
      size="small"
      label="yes"
      style={{
        backgroundColor: theme.palette.success.main,
        color: theme.palette.success.contrastText,
      }}
    />
  );
};

const columnsOf = (
  links: KratixEntityLinks | undefined,
  promise: string | undefined,
): TableColumn<Row>[] => [
  {
    title: 'Destination',
    field: 'name',
    render: d => (
      <>
        <LinkedName name={d.name} to={links?.destination(d.name)} />
        {d.deleting && (
          <Typography variant="caption" color="error" display="block">
            being deleted
          </Typography>
        )}
        {d.strictMatchLabels && (
          <Typography variant="caption" color="textSecondary" display="block">
            strictMatchLabels
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Targeted',
    field: 'matched',
    render: d =>
      d.matched ? (
        <TargetedChip />
      ) : (
        <>
          <Chip size="small" label="no" />
          {reasonsOf(d).map(text => (
            <Typography key={text} variant="caption" display="block">
              {text}
            </Typography>
          ))}
        </>
      ),
  },
  {
    title: 'Labels',
    sorting: false,
    render: d => <LabelChips labels={d.labels} highlight={mismatchedKeys(d)} />,
  },
  {
    title: 'Ready',
    field: 'ready',
    render: d => (
      <ReadinessChip
        ready={d.ready}
        message={d.readyMessage}
        reason={d.readyReason}
      />
    ),
  },
  {
    title: 'State store',
    sorting: false,
    render: d => {
      const s = d.stateStore;
      if (!s) return <Typography variant="body2">none</Typography>;
      return (
        <>
          <Typography variant="body2">{`${s.kind}/${s.name}`}</Typography>
          {s.exists ? (
            <ReadinessChip ready={s.ready} message={s.readyMessage} />
          ) : (
            <Typography variant="caption" color="error">
              does not exist
            </Typography>
          )}
        </>
      );
    },
  },
  { title: 'WorkPlacements', field: 'workPlacements', type: 'numeric' },
  {
    title: 'Misplaced',
    field: 'misplaced',
    type: 'numeric',
    render: d => {
      const count = (
        <Typography
          variant="body2"
          component="span"
          color={d.misplaced > 0 ? 'error' : 'textPrimary'}
          style={{ fontWeight: d.misplaced > 0 ? 'bold' : undefined }}
        >
          {d.misplaced}
        </Typography>
      );
      const to =
        d.misplaced > 0 && promise
          ? links?.misplaced(promise, d.name)
          : undefined;
      return to ? (
        <Link to={to} aria-label={`${d.misplaced} misplaced on ${d.name}`}>
          {count}
        </Link>
      ) : (
        count
      );
    },
  },
];

const PAGE_SIZE = 50;

/** Every Destination: whether the Promise targets it, why not, readiness and placements. */
export const DestinationTargetingTable = (props: {
  destinations: DestinationTargeting[];
  /** Links of Destination names and misplaced counts (catalog pages, the Misplaced tab). */
  links?: KratixEntityLinks;
  /** The Promise (for links to its Misplaced tab). */
  promise?: string;
}) => {
  const [filter, setFilter] = useState<TargetingFilter>('all');
  const { links, promise } = props;
  // Stable columns (material-table resets its state when they change).
  const columns = useMemo(() => columnsOf(links, promise), [links, promise]);
  const rows: Row[] = props.destinations
    .filter(d =>
      filter === 'all' ? true : d.matched === (filter === 'targeted'),
    )
    .map(d => ({ ...d, id: d.name }));
  const unknownReadiness = props.destinations.some(
    d =>
      (d.ready === 'Unknown' && !d.readyMessage && !d.readyReason) ||
      (d.stateStore?.exists &&
        d.stateStore.ready === 'Unknown' &&
        !d.stateStore.readyMessage),
  );
  const targeted = props.destinations.filter(d => d.matched).length;
  return (
    <>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <ButtonGroup size="small" aria-label="Filter Destinations">
          {FILTERS.map(([value, label]) => (
            <Button
              key={value}
              variant={filter === value ? 'contained' : 'outlined'}
              color={filter === value ? 'primary' : 'default'}
              aria-pressed={filter === value}
              onClick={() => setFilter(value)}
            >
              {label}
            </Button>
          ))}
        </ButtonGroup>
        <Typography variant="body2" color="textSecondary">
          {`${targeted} of ${props.destinations.length} Destinations targeted`}
        </Typography>
      </Box>
      <Table<Row>
        title="Destinations"
        // A platform can have a thousand Destinations: page (client-side) and search beyond a page.
        options={{
          paging: rows.length > PAGE_SIZE,
          pageSize: PAGE_SIZE,
          pageSizeOptions: [PAGE_SIZE, 100, 500],
          search: props.destinations.length > PAGE_SIZE,
          padding: 'dense',
        }}
        columns={columns}
        data={rows}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              No Destination in this view.
            </Typography>
          </Box>
        }
      />
      <UnknownReadinessNote show={unknownReadiness} />
    </>
  );
};
