import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  permissionApiRef,
  usePermission,
} from '@backstage/plugin-permission-react';
import {
  kratixWorkPlacementDeletePermission,
  promiseResourceRef,
} from '@kratix-backstage/plugin-kratix-common';
import useAsync from 'react-use/esm/useAsync';

export interface DeletePermission {
  loading: boolean;
  /** Allowed for every given Promise (false for none). */
  allowed: boolean;
  /** The Promises it is not allowed for. */
  denied: string[];
}

/**
 * Whether the user may delete WorkPlacements (`kratix.workplacement.delete`) of all these
 * Promises. One Promise goes through `usePermission`; several are authorized one by one.
 */
export function useDeletePermission(
  platform: string,
  promises: readonly string[],
): DeletePermission {
  const unique = [...new Set(promises)].sort();
  const single = unique.length === 1 ? unique[0] : undefined;
  const one = usePermission({
    permission: kratixWorkPlacementDeletePermission,
    resourceRef: single ? promiseResourceRef(platform, single) : undefined,
  });
  const permissionApi = useApi(permissionApiRef);
  const key = unique.join('\n');
  const many = useAsync(async () => {
    const names = key ? key.split('\n') : [];
    if (names.length < 2) return [];
    const decisions = await Promise.all(
      names.map(p =>
        permissionApi.authorize({
          permission: kratixWorkPlacementDeletePermission,
          resourceRef: promiseResourceRef(platform, p),
        }),
      ),
    );
    return names.filter(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
  }, [permissionApi, platform, key]);

  if (unique.length === 0)
    return { loading: false, allowed: false, denied: [] };
  if (single) {
    return {
      loading: one.loading,
      allowed: one.allowed,
      denied: one.loading || one.allowed ? [] : [single],
    };
  }
  const denied = many.value ?? [];
  return {
    loading: many.loading,
    allowed: !many.loading && !many.error && denied.length === 0,
    denied: many.error ? unique : denied,
  };
}
