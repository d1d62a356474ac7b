import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../api';
import { FALLBACK_PLATFORM } from '../hooks/usePlatformName';
import {
  getKratixPlatformName,
  getKratixPromiseName,
} from '@kratix-backstage/plugin-kratix-common';

/** The Promise (and platform) a catalog entity stands for. */
export interface PromiseOfEntity {
  platform: string;
  promise: string;
}

/**
 * Resolves the entity a template's EntityPicker chose (an entity ref) to the Kratix Promise and
 * platform it stands for, from its `kratix.io/promise-name` and `kratix.io/platform`
 * annotations (as the template's steps do).
 */
export function usePromiseOfEntityRef(entityRef: string | undefined) {
  const catalogApi = useApi(catalogApiRef);
  const kratixApi = useApi(kratixApiRef);
  return useAsync(async (): Promise<PromiseOfEntity | undefined> => {
    if (!entityRef) return undefined;
    const entity = await catalogApi.getEntityByRef(entityRef);
    if (!entity) throw new Error(`Entity ${entityRef} was not found`);
    const promise = getKratixPromiseName(entity);
    if (!promise) {
      throw new Error(
        `Entity ${entityRef} is not a Kratix Promise (no kratix.io/promise-name annotation)`,
      );
    }
    const platform =
      getKratixPlatformName(entity) ??
      (await kratixApi.listPlatforms()).items[0]?.name ??
      FALLBACK_PLATFORM;
    return { platform, promise };
  }, [catalogApi, kratixApi, entityRef]);
}
