import { useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../../api';
import { useKratixRead } from '../../hooks/useKratixRead';
import { MisplacedTable } from '../MisplacedTable';
import { PlatformPicker } from '../PlatformPicker';
import {
  MATRIX_TABLE_MAX_DESTINATIONS,
  PromiseHeatMap,
} from '../PromiseHeatMap';
import { PromiseMatrix } from '../PromiseMatrix';
import { KratixErrorPanel, LiveStatus, StaleWarning } from '../shared';

const PlatformOverview = ({ platform }: { platform: string }) => {
  const api = useApi(kratixApiRef);
  const { value, loading, error, showStale, updatedAt, refresh } =
    useKratixRead(
      options => api.getMatrix(platform, options),
      [api, platform],
      {
        live: platform,
      },
    );
  if (loading && !value) return <Progress />;
  if (error) return <KratixErrorPanel error={error} onShowStale={showStale} />;
  if (!value) return null;
  let matrixView = <PromiseMatrix matrix={value} />;
  if (value.promises.length === 0) {
    matrixView = (
      <EmptyState
        missing="data"
        title="No Promises"
        description={`Kratix platform "${platform}" has no Promises installed.`}
      />
    );
  } else if (value.destinations.length > MATRIX_TABLE_MAX_DESTINATIONS) {
    // A table column per Destination would not fit: the compact heat map.
    matrixView = <PromiseHeatMap matrix={value} />;
  }
  return (
    <Grid container spacing={3}>
      {value.stale && (
        <Grid item xs={12}>
          <StaleWarning meta={value} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Promises × Destinations"
          action={
            <LiveStatus
              updatedAt={updatedAt}
              loading={loading}
              onRefresh={refresh}
            />
          }
        >
          {matrixView}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <MisplacedTable
          platform={platform}
          promises={value.promises}
          title="Misplaced WorkPlacements of all Promises"
        />
      </Grid>
    </Grid>
  );
};

/**
 * The Kratix overview without page chrome: platform picker, the Promises × Destinations matrix
 * (a table up to MATRIX_TABLE_MAX_DESTINATIONS Destinations, a compact heat map above) and all
 * misplaced WorkPlacements.
 *
 * @public
 */
export const KratixPageContent = () => {
  const api = useApi(kratixApiRef);
  const platforms = useAsync(() => api.listPlatforms(), [api]);
  const [selected, setSelected] = useState<string>();

  if (platforms.loading) return <Progress />;
  if (platforms.error) return <KratixErrorPanel error={platforms.error} />;
  const items = platforms.value?.items ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No Kratix platform"
        description="The Kratix backend has no platform configured (kratix.platforms in app-config)."
      />
    );
  }
  const platform = selected ?? items[0].name;
  return (
    <>
      <PlatformPicker
        platforms={items}
        value={platform}
        onChange={setSelected}
      />
      <PlatformOverview key={platform} platform={platform} />
    </>
  );
};

/**
 * Standalone Kratix page (legacy frontend system, with its own header).
 *
 * @public
 */
export const KratixPage = () => (
  <Page themeId="tool">
    <Header
      title="Kratix"
      subtitle="Promises, Destinations and misplaced WorkPlacements"
    />
    <Content>
      <KratixPageContent />
    </Content>
  </Page>
);
