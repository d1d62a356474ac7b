import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import { kratixApiRef } from '../../api';
import { useKratixRead } from '../../hooks/useKratixRead';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { KratixErrorPanel, LiveStatus } from '../shared';
import { HistoryTable } from './HistoryTable';

const TITLE = 'History';

/** A Promise's history, following the platform live (a write changes the watch cache). */
export const HistoryView = ({ platform, promise }: KratixPromiseRef) => {
  const api = useApi(kratixApiRef);
  const { value, loading, error, updatedAt, refresh } = useKratixRead(
    () => api.getHistory(platform, promise),
    [api, platform, promise],
    { live: platform },
  );
  const status = (
    <LiveStatus updatedAt={updatedAt} loading={loading} onRefresh={refresh} />
  );
  if (loading && !value) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={TITLE} action={status}>
        <KratixErrorPanel error={error} />
      </InfoCard>
    );
  }
  if (!value || value.items.length === 0) {
    return (
      <InfoCard title={TITLE} action={status}>
        <EmptyState
          missing="data"
          title="No changes yet"
          description={`Nobody has updated Promise ${promise} or cleaned up its WorkPlacements through Backstage.`}
        />
      </InfoCard>
    );
  }
  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        {status}
      </Box>
      <HistoryTable items={value.items} />
    </>
  );
};

/**
 * Entity tab of a Kratix Promise: the changes made through Backstage (updates, cleanups), one
 * line per action (who, when, what, outcome), newest first; a line opens the spec diff of an
 * update or the per-WorkPlacement results of a cleanup.
 *
 * @public
 */
export const EntityKratixHistoryContent = () => (
  <KratixPromiseScope>{ref => <HistoryView {...ref} />}</KratixPromiseScope>
);
