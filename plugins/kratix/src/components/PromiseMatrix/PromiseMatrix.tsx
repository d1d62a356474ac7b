import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type {
  MatrixCell,
  MatrixResponse,
} from '@kratix-backstage/plugin-kratix-common';

const describeCell = (c: MatrixCell) =>
  `${c.promise} on ${c.destination}: ${c.workPlacements} WorkPlacements, ${
    c.misplaced
  } misplaced${
    c.targeted ? ', targeted by the Promise selectors' : ', not targeted'
  }`;

const Cell = ({ cell }: { cell?: MatrixCell }) => {
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
  return (
    <TableCell
      align="center"
      aria-label={describeCell(cell)}
      data-misplaced={misplaced}
      data-targeted={cell.targeted}
      style={{
        backgroundColor: misplaced ? '#ffebee' : undefined,
        borderLeft: cell.targeted ? '4px solid #2e7d32' : undefined,
      }}
    >
      <Tooltip title={describeCell(cell)}>
        <Typography
          variant="body2"
          color={misplaced ? 'error' : 'textPrimary'}
          style={{ fontWeight: misplaced ? 'bold' : undefined }}
        >
          {`${cell.targeted ? '● ' : ''}${cell.workPlacements} / ${
            cell.misplaced
          }`}
        </Typography>
      </Tooltip>
    </TableCell>
  );
};

/**
 * Promises × Destinations: WorkPlacements / misplaced per cell, highlighted when something is
 * misplaced, marked (●, green edge) where the Promise's selectors target the Destination.
 */
export const PromiseMatrix = (props: { matrix: MatrixResponse }) => {
  const { promises, destinations, cells } = props.matrix;
  const entityRoute = useRouteRef(entityRouteRef);
  const byKey = new Map(cells.map(c => [`${c.promise}\n${c.destination}`, c]));
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Promises by Destination">
        <TableHead>
          <TableRow>
            <TableCell>Promise</TableCell>
            {destinations.map(d => (
              <TableCell key={d} align="center">
                {d}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {promises.map(p => (
            <TableRow key={p} hover>
              <TableCell component="th" scope="row">
                <Link
                  to={entityRoute({
                    kind: 'component',
                    namespace: 'default',
                    name: p,
                  })}
                >
                  {p}
                </Link>
              </TableCell>
              {destinations.map(d => (
                <Cell key={d} cell={byKey.get(`${p}\n${d}`)} />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary">
        Cells: WorkPlacements / misplaced. ● = targeted by the Promise&apos;s
        own destinationSelectors.
      </Typography>
    </Box>
  );
};
