import {
  DestinationTargeting,
  Labels,
  PromiseTargetingResponse,
  ReadMeta,
  WorkloadGroupTargeting,
  describeMismatch,
  matchDestination,
  mergeWorkloadGroupSelectors,
  misplacementLabelOf,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import { PlatformCache, nsKey } from '@kratix-backstage/plugin-kratix-node';
import { requirePromise, squashedSelectorView } from './promiseSummary';

/**
 * Every Destination with whether the Promise's selectors select it and, when not, why (per label);
 * plus every workload group of the Promise's Works with its merged selectors and where they land.
 */
export function promiseTargeting(
  cache: PlatformCache,
  meta: ReadMeta,
  promiseName: string,
): PromiseTargetingResponse {
  const promise = requirePromise(cache, promiseName);
  const { matchLabels } = squashPromiseScheduling(promise.destinationSelectors);
  const wps = cache.workPlacements.byIndex('promise', promise.name);
  const perDestination = new Map<string, { total: number; misplaced: number }>();
  for (const wp of wps) {
    const c = perDestination.get(wp.targetDestinationName) ?? { total: 0, misplaced: 0 };
    c.total += 1;
    if (misplacementLabelOf(wp.labels)) c.misplaced += 1;
    perDestination.set(wp.targetDestinationName, c);
  }

  const destinations: DestinationTargeting[] = cache.destinations
    .all()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(d => {
      const m = matchDestination(matchLabels, d, { generation: cache.generation });
      const store = cache.stateStoreOf(d);
      const counts = perDestination.get(d.name) ?? { total: 0, misplaced: 0 };
      return {
        name: d.name,
        labels: d.labels,
        strictMatchLabels: d.strictMatchLabels,
        deleting: Boolean(d.deletionTimestamp),
        ready: d.ready,
        readyReason: d.readyReason,
        readyMessage: d.readyMessage,
        stateStore: d.stateStoreRef
          ? {
              kind: d.stateStoreRef.kind,
              name: d.stateStoreRef.name,
              exists: Boolean(store),
              ready: store?.ready ?? 'Unknown',
              readyMessage: store?.readyMessage,
              location: store?.location,
            }
          : undefined,
        matched: m.matched,
        reasons: m.reasons,
        reasonTexts: m.reasons.map(describeMismatch),
        workPlacements: counts.total,
        misplaced: counts.misplaced,
      };
    });

  // A Promise's thousands of resource Works share a handful of distinct selectors: match each
  // distinct selector against the Destinations once per request (bench/README.md, targeting).
  const allDestinations = cache.destinations.all();
  const matchingBySelector = new Map<string, string[]>();
  const matchingOf = (selector: Labels): string[] => {
    // Label keys are unique, so sorting the entries' "key,value" strings orders them by key.
    const key = JSON.stringify(Object.entries(selector).sort());
    let names = matchingBySelector.get(key);
    if (!names) {
      names = allDestinations
        .filter(d => matchDestination(selector, d, { generation: cache.generation }).matched)
        .map(d => d.name)
        .sort();
      matchingBySelector.set(key, names);
    }
    return [...names];
  };

  const workloadGroups: WorkloadGroupTargeting[] = [];
  for (const work of cache.works.byIndex('promise', promise.name)) {
    const placements = cache.workPlacements.byIndex('work', nsKey(work.namespace, work.name));
    for (const group of work.workloadGroups) {
      const merged = mergeWorkloadGroupSelectors(group.destinationSelectors);
      workloadGroups.push({
        work: { namespace: work.namespace, name: work.name },
        kind: work.resourceName ? 'resource' : 'dependency',
        resourceName: work.resourceName,
        groupId: group.id,
        directory: group.directory,
        matchLabels: merged.matchLabels,
        sourceOf: merged.sourceOf,
        conflicts: merged.conflicts,
        fromWorkflow: group.destinationSelectors.some(s => s.source !== 'promise'),
        matching: matchingOf(merged.matchLabels),
        placedOn: placements
          .filter(wp => wp.workloadGroupId === group.id)
          .map(wp => wp.targetDestinationName)
          .sort(),
      });
    }
  }
  workloadGroups.sort(
    (a, b) =>
      a.work.namespace.localeCompare(b.work.namespace) ||
      a.work.name.localeCompare(b.work.name) ||
      a.directory.localeCompare(b.directory),
  );

  return {
    ...meta,
    promise: promise.name,
    resourceVersion: promise.resourceVersion,
    selectors: squashedSelectorView(promise),
    destinations,
    workloadGroups,
  };
}
