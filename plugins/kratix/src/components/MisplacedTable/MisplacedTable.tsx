import { Fragment, useMemo, useState } from 'react';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import type {
  CleanupSelection,
  WorkPlacementView,
} from '@kratix-backstage/plugin-kratix-common';
import useDebounce from 'react-use/esm/useDebounce';
import { useSearchParams } from 'react-router-dom';
import { kratixApiRef } from '../../api';
import { useDeletePermission } from '../../hooks/useDeletePermission';
import { useKratixEntityLinks } from '../../hooks/useKratixEntityLinks';
import { useKratixRead } from '../../hooks/useKratixRead';
import { CleanupActions } from '../CleanupActions';
import { CleanupDialog } from '../CleanupDialog';
import {
  DEFAULT_MISPLACED_FILTERS,
  MisplacedFilterValues,
  MisplacedFilters,
} from '../MisplacedFilters';
import { KratixErrorPanel, LiveStatus, StaleWarning } from '../shared';
import { MisplacedDetails, misplacedColumns, promiseColumn } from './cells';

/** URL query parameter of the Destination filter (links from the matrix and Destination pages). */
export const DESTINATION_QUERY_PARAM = 'destination';

const hasFilters = (f: MisplacedFilterValues) =>
  Object.entries(f).some(([k, v]) => k !== 'sort' && v !== undefined);

const keyOf = (wp: { namespace: string; name: string }) =>
  `${wp.namespace}/${wp.name}`;

export interface MisplacedTableProps {
  platform: string;
  /** Only this Promise's WorkPlacements (entity tab); without it all, with a Promise column. */
  promise?: string;
  /** Only WorkPlacements on this Destination (a Destination's tab): a fixed filter. */
  destination?: string;
  /** Names for the Promise filter of the cross-Promise list. */
  promises?: string[];
  title?: string;
}

/**
 * Server-paginated, filterable table of misplaced WorkPlacements with row selection and the
 * cleanup actions.
 */
export const MisplacedTable = (props: MisplacedTableProps) => {
  const { platform, promise } = props;
  const api = useApi(kratixApiRef);
  const links = useKratixEntityLinks(platform);
  const [searchParams, setSearchParams] = useSearchParams();
  const urlDestination = searchParams.get(DESTINATION_QUERY_PARAM) || undefined;
  const [filters, setFilters] = useState<MisplacedFilterValues>(() => ({
    ...DEFAULT_MISPLACED_FILTERS,
    destination: props.destination ?? urlDestination,
  }));
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [searchText, setSearchText] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [selected, setSelected] = useState<Map<string, WorkPlacementView>>(
    new Map(),
  );
  const [dialog, setDialog] = useState<{
    selection: CleanupSelection;
    confirmWord: string;
  }>();

  const changeFilters = (next: MisplacedFilterValues) => {
    if (
      next.promise !== filters.promise ||
      next.destination !== filters.destination
    )
      setSelected(new Map());
    if (props.destination) next.destination = props.destination;
    if (next.destination !== filters.destination) {
      // Keep the URL shareable: it says which Destination the list is filtered by.
      const params = new URLSearchParams(searchParams);
      if (next.destination)
        params.set(DESTINATION_QUERY_PARAM, next.destination);
      else params.delete(DESTINATION_QUERY_PARAM);
      setSearchParams(params, { replace: true });
    }
    setFilters(next);
    setPage(0);
  };
  useDebounce(
    () => {
      const search = searchText.trim() || undefined;
      if (search !== filters.search) changeFilters({ ...filters, search });
    },
    300,
    [searchText],
  );

  const query = { ...filters, offset: page * rowsPerPage, limit: rowsPerPage };
  const { value, loading, error, retry, showStale, updatedAt } = useKratixRead(
    options => {
      if (promise) {
        const { promise: _ignored, ...rest } = query;
        return api.listPromiseMisplaced(platform, promise, {
          ...rest,
          ...options,
        });
      }
      return api.listMisplaced(platform, { ...query, ...options });
    },
    [api, platform, promise, JSON.stringify(query)],
    { live: platform },
  );

  const scopePromise = promise ?? filters.promise;
  const selectedPromises = useMemo(
    () => [...selected.values()].map(wp => wp.promiseName),
    [selected],
  );
  const scopePermission = useDeletePermission(
    platform,
    scopePromise ? [scopePromise] : [],
  );
  const selectionPermission = useDeletePermission(
    platform,
    scopePromise ? [] : selectedPromises,
  );

  const columns = promise
    ? misplacedColumns
    : [promiseColumn, ...misplacedColumns];
  const rows = value?.items ?? [];
  const pageKeys = rows.map(keyOf);
  const selectedOnPage = pageKeys.filter(k => selected.has(k)).length;

  const toggle = (wp: WorkPlacementView) =>
    setSelected(prev => {
      const next = new Map(prev);
      if (next.has(keyOf(wp))) next.delete(keyOf(wp));
      else next.set(keyOf(wp), wp);
      return next;
    });
  const togglePage = () =>
    setSelected(prev => {
      const next = new Map(prev);
      if (selectedOnPage === rows.length)
        rows.forEach(wp => next.delete(keyOf(wp)));
      else rows.forEach(wp => next.set(keyOf(wp), wp));
      return next;
    });

  const openSelected = () => {
    const names = [...new Set(selectedPromises)];
    setDialog({
      selection: {
        items: [...selected.values()].map(({ namespace, name }) => ({
          namespace,
          name,
        })),
      },
      confirmWord: scopePromise ?? (names.length === 1 ? names[0] : platform),
    });
  };
  const openAll = () =>
    scopePromise &&
    setDialog({
      selection: {
        all: true,
        promise: scopePromise,
        destination: filters.destination,
      },
      confirmWord: scopePromise,
    });
  const toggleExpanded = (key: string) =>
    setExpanded(prev => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const closeDialog = (changed: boolean) => {
    setDialog(undefined);
    if (changed) {
      setSelected(new Map());
      retry();
    }
  };

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <KratixErrorPanel error={error} onShowStale={showStale} />;
  } else if (value && value.total === 0) {
    content = (
      <EmptyState
        missing="data"
        title="Nothing misplaced"
        description={
          !hasFilters({ ...filters, destination: undefined }) &&
          (!filters.destination || props.destination)
            ? `No WorkPlacement ${promise ? `of Promise ${promise} ` : ''}${
                props.destination ? `on ${props.destination} ` : ''
              }is labelled misplaced on platform ${platform}.`
            : 'No misplaced WorkPlacement matches these filters.'
        }
      />
    );
  } else {
    content = (
      <>
        <Box style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Misplaced WorkPlacements">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">
                  <Checkbox
                    indeterminate={
                      selectedOnPage > 0 && selectedOnPage < rows.length
                    }
                    checked={rows.length > 0 && selectedOnPage === rows.length}
                    onChange={togglePage}
                    inputProps={{ 'aria-label': 'Select all on this page' }}
                  />
                </TableCell>
                <TableCell padding="checkbox">
                  <Typography variant="srOnly">Details</Typography>
                </TableCell>
                {columns.map(c => (
                  <TableCell
                    key={c.title}
                    style={
                      c.nowrap || c.nowrapTitle
                        ? { whiteSpace: 'nowrap' }
                        : undefined
                    }
                  >
                    {c.title}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(wp => {
                const key = keyOf(wp);
                const open = expanded.has(key);
                return (
                  <Fragment key={key}>
                    <TableRow hover selected={selected.has(key)}>
                      <TableCell padding="checkbox">
                        <Checkbox
                          checked={selected.has(key)}
                          onChange={() => toggle(wp)}
                          inputProps={{ 'aria-label': `Select ${key}` }}
                        />
                      </TableCell>
                      <TableCell padding="checkbox">
                        <IconButton
                          size="small"
                          aria-label={`${
                            open ? 'Hide' : 'Show'
                          } details of ${key}`}
                          aria-expanded={open}
                          onClick={() => toggleExpanded(key)}
                        >
                          {open ? (
                            <KeyboardArrowDownIcon fontSize="small" />
                          ) : (
                            <KeyboardArrowRightIcon fontSize="small" />
                          )}
                        </IconButton>
                      </TableCell>
                      {columns.map(c => (
                        <TableCell
                          key={c.title}
                          style={
                            c.nowrap ? { whiteSpace: 'nowrap' } : undefined
                          }
                        >
                          {c.render(wp, links)}
                        </TableCell>
                      ))}
                    </TableRow>
                    {open && (
                      <TableRow>
                        <TableCell />
                        <TableCell colSpan={columns.length + 1}>
                          <MisplacedDetails wp={wp} />
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </Box>
        <TablePagination
          component="div"
          count={value?.total ?? 0}
          page={page}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={[10, 25, 50, 100]}
          onPageChange={(_e, p) => setPage(p)}
          onRowsPerPageChange={e => {
            setRowsPerPage(parseInt(e.target.value, 10));
            setPage(0);
          }}
        />
      </>
    );
  }

  return (
    <InfoCard
      title={props.title ?? 'Misplaced WorkPlacements'}
      action={
        <LiveStatus updatedAt={updatedAt} loading={loading} onRefresh={retry} />
      }
    >
      {value?.stale && <StaleWarning meta={value} />}
      {filters.destination && !props.destination && (
        <Box mb={1}>
          <Chip
            size="small"
            color="primary"
            label={`Destination: ${filters.destination}`}
            onDelete={() =>
              changeFilters({ ...filters, destination: undefined })
            }
          />
        </Box>
      )}
      <MisplacedFilters
        value={filters}
        searchText={searchText}
        onSearchTextChange={setSearchText}
        onChange={changeFilters}
        promises={promise ? undefined : props.promises}
      />
      <CleanupActions
        selectedCount={selected.size}
        total={value?.total ?? 0}
        scopePromise={scopePromise}
        scopeDestination={filters.destination}
        stale={Boolean(value?.stale)}
        scopePermission={scopePermission}
        selectionPermission={
          scopePromise ? scopePermission : selectionPermission
        }
        onCleanupSelected={openSelected}
        onCleanupAll={openAll}
        onClearSelection={() => setSelected(new Map())}
      />
      {content}
      {dialog && (
        <CleanupDialog
          platform={platform}
          selection={dialog.selection}
          confirmWord={dialog.confirmWord}
          onClose={closeDialog}
        />
      )}
    </InfoCard>
  );
};
