import { useMemo } from 'react';
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../api';

/** Path (under a Promise entity) of the Misplaced tab. */
export const MISPLACED_TAB_PATH = 'kratix-misplaced';
/** Path (under a Promise entity) of the targeting tab. */
export const TARGETING_TAB_PATH = 'kratix-targeting';
/** Path (under a Promise entity) of the Workflows tab. */
export const WORKFLOWS_TAB_PATH = 'kratix-workflows';

/**
 * The catalog entity name of a Kratix object as plugins/catalog-backend-module-kratix names it
 * (entities/naming.ts): its own name with one platform, `<platform>-<name>` with several.
 * Names that module shortens with a hash are not reproduced here: undefined (no link).
 */
export function kratixEntityName(
  platform: string,
  objectName: string,
  multiPlatform: boolean,
): string | undefined {
  const candidate = multiPlatform ? `${platform}-${objectName}` : objectName;
  return KubernetesValidatorFunctions.isValidObjectName(candidate)
    ? candidate
    : undefined;
}

export interface KratixEntityLinks {
  /** The Destination's catalog page (a Resource entity). */
  destination(name: string): string | undefined;
  /** The Promise's catalog page (a Component entity). */
  promise(name: string): string | undefined;
  /** The Promise's Misplaced tab, optionally filtered by a Destination. */
  misplaced(promise: string, destination?: string): string | undefined;
  /** The Promise's targeting tab (its scheduling picture and why each Destination is targeted). */
  targeting(promise: string): string | undefined;
  /** The Promise's Workflows tab (its workflow runs and their logs). */
  workflows(promise: string): string | undefined;
}

/** Links to the catalog entities the Kratix catalog module makes for a platform's objects. */
export function useKratixEntityLinks(platform: string): KratixEntityLinks {
  const entityRoute = useRouteRef(entityRouteRef);
  const api = useApi(kratixApiRef);
  // One platform is the common case: links assume it until the platform list says otherwise.
  const multi = useAsync(
    async () => (await api.listPlatforms()).items.length > 1,
    [api],
  ).value;
  // One object per platform and route: tables keep their columns stable.
  return useMemo<KratixEntityLinks>(() => {
    const link = (kind: string, objectName: string) => {
      const name = kratixEntityName(platform, objectName, Boolean(multi));
      return name
        ? entityRoute({ kind, namespace: 'default', name })
        : undefined;
    };
    return {
      destination: name => link('resource', name),
      promise: name => link('component', name),
      misplaced: (promise, destination) => {
        const base = link('component', promise);
        if (!base) return undefined;
        const query = destination
          ? `?${new URLSearchParams({ destination }).toString()}`
          : '';
        return `${base}/${MISPLACED_TAB_PATH}${query}`;
      },
      targeting: promise => {
        const base = link('component', promise);
        return base ? `${base}/${TARGETING_TAB_PATH}` : undefined;
      },
      workflows: promise => {
        const base = link('component', promise);
        return base ? `${base}/${WORKFLOWS_TAB_PATH}` : undefined;
      },
    };
  }, [entityRoute, platform, multi]);
}
