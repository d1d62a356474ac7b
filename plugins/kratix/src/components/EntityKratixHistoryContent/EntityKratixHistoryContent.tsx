import { useApi } from '@backstage/core-plugin-api';
import { kratixApiRef } from '../../api';
import { useKratixRead } from '../../hooks/useKratixRead';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { ReadStateCard } from '../shared';
import { HistoryTable } from './HistoryTable';

const TITLE = 'History';

/** A Promise's history, following the platform live (a write changes the watch cache). */
export const HistoryView = ({ platform, promise }: KratixPromiseRef) => {
  const api = useApi(kratixApiRef);
  const read = useKratixRead(
    () => api.getHistory(platform, promise),
    [api, platform, promise],
    { live: platform },
  );
  return (
    <ReadStateCard
      title={TITLE}
      read={read}
      isEmpty={v => v.items.length === 0}
      empty={{
        title: 'No changes yet',
        description: `Nobody has updated Promise ${promise} or cleaned up its WorkPlacements through Backstage.`,
      }}
    >
      {v => <HistoryTable items={v.items} />}
    </ReadStateCard>
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
