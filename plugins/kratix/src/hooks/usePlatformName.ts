import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../api';

/** The platform used when an entity names none and the backend lists none. */
export const FALLBACK_PLATFORM = 'default';

/**
 * The platform to read from: the annotated one, else the first platform the backend lists,
 * else `default`.
 */
export function usePlatformName(annotated: string | undefined): {
  platform?: string;
  loading: boolean;
  error?: Error;
} {
  const api = useApi(kratixApiRef);
  const state = useAsync(async () => {
    if (annotated) return annotated;
    const { items } = await api.listPlatforms();
    return items[0]?.name ?? FALLBACK_PLATFORM;
  }, [api, annotated]);
  return { platform: state.value, loading: state.loading, error: state.error };
}
