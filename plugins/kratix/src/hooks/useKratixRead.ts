import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { KratixReadOptions } from '../api';
import { useLiveRevision } from './useLiveRevision';

export interface KratixReadLiveOptions {
  /** Follow this platform's watch cache: read again whenever its revision changes. */
  live?: string;
}

/**
 * Runs a Kratix read and keeps whether the user accepted stale data: `showStale` (only set
 * while not yet accepted) re-reads with `allowStale: true`, e.g. after a 503. The previous
 * value stays while a retry loads. With `live`, it reads again when the backend's watch cache
 * changes; `updatedAt` is when the shown answer arrived and `refresh` reads again now.
 */
export function useKratixRead<T>(
  read: (options: KratixReadOptions) => Promise<T>,
  deps: unknown[],
  options: KratixReadLiveOptions = {},
) {
  const [allowStale, setAllowStale] = useState(false);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(
    () => read({ allowStale }),
    [...deps, allowStale],
  );
  const [updatedAt, setUpdatedAt] = useState<number>();
  useEffect(() => {
    if (!state.loading && (state.value !== undefined || state.error))
      setUpdatedAt(Date.now());
  }, [state.loading, state.value, state.error]);
  useLiveRevision(options.live, state.retry);
  return {
    ...state,
    allowStale,
    showStale: allowStale ? undefined : () => setAllowStale(true),
    updatedAt,
    refresh: state.retry,
  };
}
