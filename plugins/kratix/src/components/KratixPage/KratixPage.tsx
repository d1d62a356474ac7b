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
          {value.promises.length === 0 ? (
            <EmptyState
              missing="data"
              title="No Promises"
              description={`Kratix platform "${platform}" has no Promises installed.`}
            />
          ) : (
            <PromiseMatrix matrix={value} />
          )}
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
 * and all misplaced WorkPlacements.
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
