import { NotFoundError } from '@backstage/errors';
import {
  PromiseSummary,
  SlimPromise,
  SquashedSelectorView,
  compareNames,
  squashPromiseScheduling,
  targetedDestinations,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformCache } from '@kratix-backstage/plugin-kratix-node';

export function squashedSelectorView(
  promise: SlimPromise,
): SquashedSelectorView {
  const s = squashPromiseScheduling(promise.destinationSelectors);
  return {
    entries: promise.destinationSelectors,
    matchLabels: s.matchLabels,
    entryOf: s.entryOf,
    conflicts: s.conflicts,
  };
}

export function requirePromise(
  cache: KratixPlatformCache,
  name: string,
): SlimPromise {
  const p = cache.promises.get(name);
  if (!p)
    throw new NotFoundError(
      `Promise "${name}" not found on platform ${cache.platform}`,
    );
  return p;
}

export function promiseSummary(
  cache: KratixPlatformCache,
  promise: SlimPromise,
): PromiseSummary {
  const works = cache.works.byIndex('promise', promise.name);
  const resources = new Set(
    works
      .filter(w => w.resourceName)
      .map(w => `${w.namespace}/${w.resourceName}`),
  );
  return {
    name: promise.name,
    uid: promise.uid,
    resourceVersion: promise.resourceVersion,
    generation: promise.generation,
    deleting: Boolean(promise.deletionTimestamp),
    version: promise.status.version,
    status: promise.status.status,
    api: promise.api,
    labels: promise.labels,
    annotations: promise.annotations,
    selectors: squashedSelectorView(promise),
    targetedDestinations: targetedDestinations(
      promise,
      cache.destinations.all(),
      cache.generation,
    ),
    works: works.length,
    resources: resources.size,
    workPlacements: cache.workPlacements.countByIndex('promise', promise.name),
    misplaced: cache.workPlacements.countByIndex(
      'misplacedByPromise',
      promise.name,
    ),
  };
}

export function promiseSummaries(cache: KratixPlatformCache): PromiseSummary[] {
  return cache.promises
    .all()
    .sort(compareNames)
    .map(p => promiseSummary(cache, p));
}
