import type { CSSProperties } from 'react';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import type {
  MatrixCell,
  MatrixResponse,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KratixEntityLinks,
  useKratixEntityLinks,
} from '../../hooks/useKratixEntityLinks';
import { LinkedName } from '../MisplacedTable/cells';

const describeCell = (c: MatrixCell) =>
  `${c.promise} on ${c.destination}: ${c.workPlacements} WorkPlacements, ${
    c.misplaced
  } misplaced${
    c.targeted ? ', targeted by the Promise selectors' : ', not targeted'
  }`;

/** Misplaced cells: the error colour, faint (works in light and dark themes). */
const misplacedBackground = (theme: Theme) =>
  theme.palette.type === 'dark'
    ? theme.palette.error.dark
    : theme.palette.error.light;
const targetedEdge = (theme: Theme) =>
  `4px solid ${theme.palette.success.main}`;

const Cell = ({
  cell,
  links,
}: {
  cell?: MatrixCell;
  links: KratixEntityLinks;
}) => {
  const theme = useTheme();
  if (!cell) {
    return (
      <TableCell align="center">
        <Typography variant="body2" color="textSecondary">
          –
        </Typography>
      </TableCell>
    );
  }
  const misplaced = cell.misplaced > 0;
  const content = (
    <Typography
      variant="body2"
      component="span"
      color={misplaced ? 'error' : 'textPrimary'}
      style={{ fontWeight: misplaced ? 'bold' : undefined }}
    >
      {`${cell.targeted ? '● ' : ''}${cell.workPlacements} / ${cell.misplaced}`}
    </Typography>
  );
  // A cell with WorkPlacements leads to the Promise's Misplaced tab, filtered by the Destination.
  const to =
    cell.workPlacements > 0 || misplaced
      ? links.misplaced(cell.promise, cell.destination)
      : undefined;
  return (
    <TableCell
      align="center"
      aria-label={describeCell(cell)}
      data-misplaced={misplaced}
      data-targeted={cell.targeted}
      style={{
        backgroundColor: misplaced ? misplacedBackground(theme) : undefined,
        borderLeft: cell.targeted ? targetedEdge(theme) : undefined,
      }}
    >
      <Tooltip title={describeCell(cell)}>
        {to ? <Link to={to}>{content}</Link> : content}
      </Tooltip>
    </TableCell>
  );
};

/** The legend: every mark the matrix uses. */
const Legend = () => {
  const theme = useTheme();
  const swatch = (style: CSSProperties) => (
    <Box
      component="span"
      display="inline-block"
      width={16}
      height={14}
      mr={0.5}
      style={{ verticalAlign: 'middle', ...style }}
    />
  );
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
        Cells: WorkPlacements / misplaced; click a cell for the Promise&apos;s
        misplaced WorkPlacements on that Destination.
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {swatch({ borderLeft: targetedEdge(theme) })}● green left edge =
        targeted by the Promise&apos;s own destinationSelectors
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {swatch({ backgroundColor: misplacedBackground(theme) })}red cell =
        something is misplaced there
      </Typography>
      <Typography variant="caption" color="textSecondary">
        – = no WorkPlacement and not targeted
      </Typography>
    </Box>
  );
};

/**
 * Promises × Destinations: WorkPlacements / misplaced per cell, highlighted when something is
 * misplaced, marked (●, green edge) where the Promise's selectors target the Destination.
 */
export const PromiseMatrix = (props: { matrix: MatrixResponse }) => {
  const { promises, destinations, cells, platform } = props.matrix;
  const links = useKratixEntityLinks(platform);
  const byKey = new Map(cells.map(c => [`${c.promise}\n${c.destination}`, c]));
  return (
    <Box>
      <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Promises by Destination">
          <TableHead>
            <TableRow>
              <TableCell>Promise</TableCell>
              {destinations.map(d => (
                <TableCell key={d} align="center">
                  <LinkedName name={d} to={links.destination(d)} />
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {promises.map(p => (
              <TableRow key={p} hover>
                <TableCell component="th" scope="row">
                  <LinkedName name={p} to={links.promise(p)} />
                </TableCell>
                {destinations.map(d => (
                  <Cell key={d} cell={byKey.get(`${p}\n${d}`)} links={links} />
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Legend />
    </Box>
  );
};
