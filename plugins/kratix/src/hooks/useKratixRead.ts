import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { KratixReadOptions } from '../api';

/**
 * Runs a Kratix read and keeps whether the user accepted stale data: `showStale` (only set
 * while not yet accepted) re-reads with `allowStale: true`, e.g. after a 503. The previous
 * value stays while a retry loads.
 */
export function useKratixRead<T>(
  read: (options: KratixReadOptions) => Promise<T>,
  deps: unknown[],
) {
  const [allowStale, setAllowStale] = useState(false);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(
    () => read({ allowStale }),
    [...deps, allowStale],
  );
  return {
    ...state,
    allowStale,
    showStale: allowStale ? undefined : () => setAllowStale(true),
  };
}
