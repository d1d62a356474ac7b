import {
  PromiseWorksResponse,
  ReadMeta,
  WorkView,
  compareNames,
  compareNamespacedNames,
  schedulingSelector,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KratixPlatformCache,
  nsKey,
} from '@kratix-backstage/plugin-kratix-node';
import { requirePromise } from './promiseSummary';
import { workPlacementView } from './workPlacementView';

/** The Promise's Works with their WorkPlacements, joined through the kratix.io/work label. */
export function promiseWorks(
  cache: KratixPlatformCache,
  meta: ReadMeta,
  promiseName: string,
): PromiseWorksResponse {
  const promise = requirePromise(cache, promiseName);
  const joined = new Set<string>();
  const works: WorkView[] = cache.works
    .byIndex('promise', promise.name)
    .sort(compareNamespacedNames)
    .map(work => {
      const wps = cache.workPlacements
        .byIndex('work', nsKey(work.namespace, work.name))
        .sort(compareNames);
      wps.forEach(wp => joined.add(nsKey(wp.namespace, wp.name)));
      return {
        namespace: work.namespace,
        name: work.name,
        uid: work.uid,
        kind: work.resourceName ? 'resource' : 'dependency',
        workType: work.workType,
        resourceName: work.resourceName,
        pipelineName: work.pipelineName,
        conditions: work.conditions,
        groups: work.workloadGroups.map(g => {
          const merged = schedulingSelector(
            work,
            g.destinationSelectors,
            cache.generation,
          );
          return {
            id: g.id,
            directory: g.directory,
            matchLabels: merged.matchLabels,
            sourceOf: merged.sourceOf,
          };
        }),
        workPlacements: wps.map(wp => workPlacementView(cache, wp)),
      };
    });
  const orphanWorkPlacements = cache.workPlacements
    .byIndex('promise', promise.name)
    .filter(wp => !joined.has(nsKey(wp.namespace, wp.name)))
    .sort(compareNames)
    .map(wp => workPlacementView(cache, wp));
  return { ...meta, promise: promise.name, works, orphanWorkPlacements };
}
