import { WarningPanel } from '@backstage/core-components';
import type { ReadMeta } from '@kratix-backstage/plugin-kratix-common';
import { formatAge } from './format';

/** Says that an answer is the last known state of an unreachable platform. */
export const StaleWarning = (props: {
  meta:
    | Pick<ReadMeta, 'platform' | 'stale' | 'staleSince' | 'staleReason'>
    | undefined;
}) => {
  const { meta } = props;
  if (!meta?.stale) return null;
  const age = formatAge(meta.staleSince);
  return (
    <WarningPanel
      severity="warning"
      title={`Kratix platform "${meta.platform}" is unreachable: showing its last known state`}
      message={`Stale since ${meta.staleSince ?? 'an unknown time'}${
        age ? ` (${age} ago)` : ''
      }. Reason: ${meta.staleReason ?? 'unknown'}`}
      defaultExpanded
    />
  );
};
