import {
  WhatIfDestinationsRequest,
  WhatIfPromiseRequest,
  WhatIfResponse,
  slimPromiseApiVersion,
} from '@kratix-backstage/plugin-kratix-common';
import {
  Platform,
  nsKey,
  WhatIfPicture,
  proposedPromiseFromSpec,
  whatIfDestinationChange,
  whatIfPromiseChange,
} from '@kratix-backstage/plugin-kratix-node';
import { InputError } from '@backstage/errors';
import { applyMergePatch } from '../writes/mergePatch';
import { validatePromiseSpec } from '../writes/validateSpec';
import { requirePromise } from '../readModel/promiseSummary';
import { pinnedResourcesOf } from './pinnedResources';

/** The whole cached picture of a platform, as the what-if engine takes it. */
function pictureOf(
  platform: Platform,
  resourceRequests?: Record<string, number>,
): WhatIfPicture {
  const cache = platform.cache;
  return {
    generation: cache.generation,
    promises: cache.promises.all(),
    destinations: cache.destinations.all(),
    works: cache.works.all(),
    workPlacements: cache.workPlacements.all(),
    stateStores: cache.stateStores.all(),
    resourceRequests,
  };
}

/**
 * The picture for a what-if of one Promise: the engine only looks at that Promise's Works and at
 * the WorkPlacements of those Works (joined on namespace + kratix.io/work), so they are taken from
 * the cache's indexes instead of handing it every Work and WorkPlacement of the platform to scan
 * (bench/README.md, what-if preview). The engine looks each Work's WorkPlacements up in the
 * cache's index as it goes: a per-call index of 40,000 entries lives through the whole preview,
 * and V8 promotes it to the old space on every call (bench/README.md, memory).
 */
export function promisePictureOf(
  platform: Platform,
  name: string,
  resourceRequests: Record<string, number>,
  pinnedResources?: WhatIfPicture['pinnedResources'],
): WhatIfPicture {
  const cache = platform.cache;
  const works = cache.works.byIndex('promise', name);
  const ofWork = (namespace: string, work: string) =>
    cache.workPlacements.byIndex('work', nsKey(namespace, work));
  return {
    generation: cache.generation,
    promises: cache.promises.all(),
    destinations: cache.destinations.all(),
    works,
    // Built only when read (a spread of this picture reads it): the Promise what-if reads
    // workPlacementsOfWork instead.
    get workPlacements() {
      return works.flatMap(w => ofWork(w.namespace, w.name));
    },
    workPlacementsOfWork: ofWork,
    stateStores: cache.stateStores.all(),
    resourceRequests,
    pinnedResources,
  };
}

/**
 * What a proposed Promise spec would do, from the cache, without changing anything. The live spec
 * is read once (the cache keeps no dependencies) and the Promise's resource requests are counted.
 */
export async function previewPromiseChange(
  platform: Platform,
  name: string,
  request: WhatIfPromiseRequest,
): Promise<WhatIfResponse> {
  if ((request.spec === undefined) === (request.specPatch === undefined)) {
    throw new InputError('send exactly one of spec and specPatch');
  }
  const slim = requirePromise(platform.cache, name);
  const live = await platform.client.getPromise(name);
  const proposed =
    request.spec ??
    (applyMergePatch(live.spec, request.specPatch) as Record<string, unknown>);
  // The same checks as an update: a selector Kubernetes or Kratix would refuse is a 400, not a
  // prediction for a spec that can never be applied.
  validatePromiseSpec(proposed);
  const api = slimPromiseApiVersion(slim);
  const resourceRequests = api
    ? { [name]: await platform.client.countResources(api) }
    : { [name]: 0 };
  // Only current Kratix pins requests to Promise versions (ResourceBindings).
  const pinned =
    api && platform.cache.generation === 'current'
      ? pinnedResourcesOf(
          await platform.client.listResourceBindings(name),
          live,
        )
      : {};
  return whatIfPromiseChange(
    promisePictureOf(platform, name, resourceRequests, { [name]: pinned }),
    name,
    proposedPromiseFromSpec(proposed, live.spec ?? {}),
  );
}

/** What proposed Destination label changes, removals or additions would do to every Promise. */
export function previewDestinationChange(
  platform: Platform,
  request: WhatIfDestinationsRequest,
): WhatIfResponse {
  return whatIfDestinationChange(pictureOf(platform), request);
}
