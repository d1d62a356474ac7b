import { useState } from 'react';
import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { kratixApiRef } from '../../api';
import { useKratixEntityLinks } from '../../hooks/useKratixEntityLinks';
import { useKratixRead } from '../../hooks/useKratixRead';
import { DestinationTargetingTable } from '../DestinationTargetingTable';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { SchedulingPicture } from '../SchedulingPicture';
import { SelectorSummary } from '../SelectorSummary';
import { KratixErrorPanel, LiveStatusBar, StaleWarning } from '../shared';
import { WorkloadGroupTable } from '../WorkloadGroupTable';

const DestinationsView = ({ platform, promise }: KratixPromiseRef) => {
  const api = useApi(kratixApiRef);
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const links = useKratixEntityLinks(platform);
  const { value, loading, error, showStale, updatedAt, refresh } =
    useKratixRead(
      options =>
        api.getPromiseTargeting(platform, promise, {
          ...options,
          groupsOffset: page * rowsPerPage,
          groupsLimit: rowsPerPage,
        }),
      [api, platform, promise, page, rowsPerPage],
      { live: platform },
    );
  if (loading && !value) return <Progress />;
  if (error) return <KratixErrorPanel error={error} onShowStale={showStale} />;
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <LiveStatusBar read={{ updatedAt, loading, refresh }} />
      </Grid>
      {value.stale && (
        <Grid item xs={12}>
          <StaleWarning meta={value} />
        </Grid>
      )}
      {(value.problems ?? []).map(problem => (
        <Grid item xs={12} key={problem}>
          <WarningPanel
            severity="error"
            title="Kratix cannot apply this Promise as it is"
            message={problem}
            defaultExpanded
          />
        </Grid>
      ))}
      <Grid item xs={12}>
        <SelectorSummary selectors={value.selectors} />
      </Grid>
      {value.destinations.length > 0 && (
        <Grid item xs={12}>
          <SchedulingPicture
            promise={promise}
            destinations={value.destinations}
            workloadGroups={value.workloadGroups}
            workloadGroupsTotal={value.workloadGroupsTotal}
            selector={value.selectors.matchLabels}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        {value.destinations.length === 0 ? (
          <EmptyState
            missing="data"
            title="No Destinations"
            description={`Kratix platform "${platform}" has no Destinations: Promise ${promise} cannot be scheduled anywhere.`}
          />
        ) : (
          <DestinationTargetingTable
            destinations={value.destinations}
            links={links}
            promise={promise}
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <WorkloadGroupTable
          groups={value.workloadGroups}
          paging={{
            total: value.workloadGroupsTotal,
            page,
            rowsPerPage,
            onPageChange: setPage,
            onRowsPerPageChange: n => {
              setRowsPerPage(n);
              setPage(0);
            },
          }}
        />
      </Grid>
    </Grid>
  );
};

/**
 * Entity tab of a Kratix Promise: its squashed destination selectors, which Destinations they
 * target and why not, and where each workload group is placed.
 *
 * @public
 */
export const EntityKratixDestinationsContent = () => (
  <KratixPromiseScope>
    {ref => <DestinationsView {...ref} />}
  </KratixPromiseScope>
);
