import { useId, useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Theme, alpha, useTheme } from '@material-ui/core/styles';
import type {
  Labels,
  MatrixResponse,
} from '@kratix-backstage/plugin-kratix-common';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../../api';
import {
  KratixEntityLinks,
  useKratixEntityLinks,
} from '../../hooks/useKratixEntityLinks';
import { LinkedName } from '../MisplacedTable/cells';
import {
  HEAT_MAP_MAX_COLUMNS,
  HeatMapCell,
  HeatMapColumn,
  cellKey,
  groupingKeys,
  heatMap,
} from './heatMapColumns';

const CELL = 22;
const HEADER_H = 150;

const plural = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const describeCell = (
  promise: string,
  column: HeatMapColumn,
  c?: HeatMapCell,
) => {
  const where =
    column.destinations.length === 1
      ? column.label
      : `${column.id} (${plural(column.destinations.length, 'Destination')})`;
  if (!c) return `${promise} on ${where}: nothing placed, not targeted`;
  let targeted = `${c.targeted} targeted`;
  if (column.destinations.length === 1) {
    targeted = c.targeted
      ? 'targeted by the Promise selectors'
      : 'not targeted';
  }
  return `${promise} on ${where}: ${plural(
    c.workPlacements,
    'WorkPlacement',
  )}, ${c.misplaced} misplaced, ${targeted}`;
};

/** Cell colour (theme palette, stronger with the share of Destinations concerned). */
const cellColour = (theme: Theme, c?: HeatMapCell) => {
  if (!c) return undefined;
  const share = (n: number) => Math.min(1, n / Math.max(1, c.destinations));
  if (c.misplaced > 0) return alpha(theme.palette.error.main, 0.85);
  if (c.targeted > 0)
    return alpha(theme.palette.success.main, 0.25 + 0.6 * share(c.targeted));
  if (c.workPlacements > 0) return alpha(theme.palette.info.main, 0.5);
  return undefined;
};

/**
 * The Destinations' labels, for grouping: the targeting read of one Promise lists every
 * Destination with its labels (one workload group asked for, the least the read allows).
 */
function useDestinationLabels(
  platform: string,
  promise: string | undefined,
  enabled: boolean,
) {
  const api = useApi(kratixApiRef);
  return useAsync(async () => {
    if (!enabled || !promise) return undefined;
    const t = await api.getPromiseTargeting(platform, promise, {
      groupsLimit: 1,
    });
    return new Map<string, Labels>(t.destinations.map(d => [d.name, d.labels]));
  }, [api, platform, promise, enabled]);
}

const Swatch = ({ style }: { style: CSSProperties }) => (
  <Box
    component="span"
    display="inline-block"
    width={14}
    height={14}
    mr={0.5}
    style={{ verticalAlign: 'middle', ...style }}
  />
);

const Legend = ({ grouped }: { grouped: boolean }) => {
  const theme = useTheme();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mt={1}
      style={{ gap: 16 }}
      aria-label="Legend"
    >
      <Typography variant="caption" color="textSecondary">
        <Swatch
          style={{ backgroundColor: alpha(theme.palette.error.main, 0.85) }}
        />
        red = something is misplaced there (the number: how many)
      </Typography>
      <Typography variant="caption" color="textSecondary">
        <Swatch
          style={{ backgroundColor: alpha(theme.palette.success.main, 0.85) }}
        />
        green = targeted by the Promise&apos;s own destinationSelectors
        {grouped ? ' (stronger: a larger share of the group)' : ''}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        <Swatch
          style={{ backgroundColor: alpha(theme.palette.info.main, 0.5) }}
        />
        blue = WorkPlacements, not targeted by the Promise&apos;s own selectors
        (workflow selectors), none misplaced
      </Typography>
      <Typography variant="caption" color="textSecondary">
        <Swatch style={{ border: `1px solid ${theme.palette.divider}` }} />
        empty = nothing placed, not targeted
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {grouped
          ? "Click a cell for the Promise's targeting tab (its scheduling picture groups Destinations the same way)."
          : "Click a cell for the Promise's misplaced WorkPlacements on that Destination (its targeting tab when nothing is placed there), a column name for the Destination's page."}
      </Typography>
    </Box>
  );
};

const Cell = (props: {
  promise: string;
  column: HeatMapColumn;
  cell?: HeatMapCell;
  links: KratixEntityLinks;
}) => {
  const { promise, column, cell, links } = props;
  const theme = useTheme();
  const label = describeCell(promise, column, cell);
  const single = column.destinations.length === 1;
  // As the table: a Destination with WorkPlacements leads to the Promise's Misplaced tab
  // filtered by it; a group (or an empty Destination) to the Promise's targeting tab.
  const to =
    single && cell && cell.workPlacements > 0
      ? links.misplaced(promise, column.destinations[0])
      : links.targeting(promise);
  const content = (
    <Box
      component="span"
      display="block"
      width={CELL}
      height={CELL}
      lineHeight={`${CELL}px`}
      textAlign="center"
      style={{
        fontSize: 11,
        fontWeight: 'bold',
        color: theme.palette.error.contrastText,
      }}
    >
      {cell && cell.misplaced > 0 ? cell.misplaced : ''}
    </Box>
  );
  return (
    <td
      aria-label={label}
      title={label}
      data-misplaced={Boolean(cell && cell.misplaced > 0)}
      data-targeted={cell?.targeted ?? 0}
      style={{
        padding: 0,
        border: `1px solid ${theme.palette.divider}`,
        backgroundColor: cellColour(theme, cell),
      }}
    >
      {to ? (
        <Link to={to} aria-label={label} underline="none">
          {content}
        </Link>
      ) : (
        content
      )}
    </td>
  );
};

/**
 * Promises × Destinations as a compact heat map for many Destinations: one narrow column per
 * Destination up to HEAT_MAP_MAX_COLUMNS, else Destinations grouped by a label (chosen by the
 * user; default the most informative one) with the counts summed per group. Readable at
 * 1,000 Destinations: at most HEAT_MAP_MAX_COLUMNS columns are drawn.
 */
export const PromiseHeatMap = (props: { matrix: MatrixResponse }) => {
  const { matrix } = props;
  const { platform, promises, destinations } = matrix;
  const theme = useTheme();
  const links = useKratixEntityLinks(platform);
  const needsGroups = destinations.length > HEAT_MAP_MAX_COLUMNS;
  const labels = useDestinationLabels(platform, promises[0], needsGroups);
  const [groupBy, setGroupBy] = useState<string>();
  const groupById = useId();
  const map = useMemo(
    () => heatMap(matrix, labels.value, groupBy),
    [matrix, labels.value, groupBy],
  );
  const keys = useMemo(
    () => (labels.value ? groupingKeys(destinations, labels.value) : []),
    [destinations, labels.value],
  );
  const grouped = needsGroups;
  let summary = `${plural(
    destinations.length,
    'Destination',
  )}, one column each`;
  if (map.groupedBy) {
    summary = `${plural(destinations.length, 'Destination')} grouped by ${
      map.groupedBy
    } (${plural(
      map.columns.length,
      'column',
    )}); each cell sums its Destinations`;
  } else if (map.groupedByName) {
    summary = `${plural(
      destinations.length,
      'Destination',
    )} in runs of names (${plural(map.columns.length, 'column')})${
      labels.error ? ': their labels could not be read' : ''
    }; each cell sums its Destinations`;
  }
  const headerStyle: CSSProperties = {
    writingMode: 'vertical-rl',
    transform: 'rotate(180deg)',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxHeight: HEADER_H,
    fontSize: 12,
    fontWeight: 'normal',
    padding: '4px 0',
  };
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={1}
        style={{ gap: 16 }}
      >
        <Typography variant="body2" color="textSecondary">
          {summary}
        </Typography>
        {map.groupedBy && keys.length > 1 && (
          <TextField
            select
            id={groupById}
            size="small"
            variant="outlined"
            label="Group Destinations by"
            value={map.groupedBy}
            onChange={e => setGroupBy(e.target.value)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            style={{ minWidth: 220 }}
          >
            {keys.map(k => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </TextField>
        )}
      </Box>
      <Box style={{ overflowX: 'auto' }}>
        <table
          aria-label="Promises by Destination (heat map)"
          style={{
            borderCollapse: 'collapse',
            fontFamily: theme.typography.fontFamily,
            color: theme.palette.text.primary,
          }}
        >
          <thead>
            <tr>
              <th
                style={{
                  textAlign: 'left',
                  verticalAlign: 'bottom',
                  paddingRight: 12,
                }}
              >
                <Typography variant="subtitle2">Promise</Typography>
              </th>
              {map.columns.map(c => (
                <th
                  key={c.id}
                  scope="col"
                  title={c.label}
                  style={{ verticalAlign: 'bottom' }}
                >
                  <div style={headerStyle}>
                    {c.destinations.length === 1 ? (
                      <LinkedName
                        name={c.label}
                        to={links.destination(c.destinations[0])}
                      />
                    ) : (
                      c.label
                    )}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {promises.map(p => (
              <tr key={p}>
                <th
                  scope="row"
                  style={{
                    textAlign: 'left',
                    paddingRight: 12,
                    fontWeight: 'normal',
                    whiteSpace: 'nowrap',
                  }}
                >
                  <LinkedName name={p} to={links.promise(p)} />
                </th>
                {map.columns.map(c => (
                  <Cell
                    key={c.id}
                    promise={p}
                    column={c}
                    cell={map.cells.get(cellKey(p, c.id))}
                    links={links}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
      <Legend grouped={grouped} />
    </Box>
  );
};
