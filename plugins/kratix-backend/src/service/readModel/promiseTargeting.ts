import {
  duplicateStaticDependencyProblem,
  DestinationTargeting,
  Labels,
  PromiseTargetingResponse,
  ReadMeta,
  SlimWork,
  WorkloadGroupTargeting,
  compareCodeUnits,
  compareNames,
  compareNamespacedNames,
  describeMismatch,
  matchDestination,
  schedulingSelector,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import {
  PLACEMENT_ASPECT,
  KratixPlatformCache,
  nsKey,
} from '@kratix-backstage/plugin-kratix-node';
import { destinationIndexOf } from './destinationIndex';
import { requirePromise, squashedSelectorView } from './promiseSummary';

/**
 * Every Destination with whether the Promise's selectors select it and, when not, why (per label);
 * plus one page of the workload groups of the Promise's Works (ordered by Work, then directory)
 * with their merged selectors and where they land. A Promise with thousands of resource requests
 * has thousands of groups: only the page asked for is built.
 */
export function promiseTargeting(
  cache: KratixPlatformCache,
  meta: ReadMeta,
  promiseName: string,
  page: { offset: number; limit: number } = { offset: 0, limit: 100 },
): PromiseTargetingResponse {
  const promise = requirePromise(cache, promiseName);
  const { matchLabels } = squashPromiseScheduling(promise.destinationSelectors);
  // WorkPlacements per Destination: kept from the watch events by the cache (PlacementCounts).
  const perDestination = cache.placementCounts.ofPromise(promise.name);

  // The sorted Destinations, each with its match against these selectors (and the reasons as
  // text): computed once per selector set until the Destination store changes.
  const selectorKey = JSON.stringify(Object.entries(matchLabels).sort());
  const matched = cache.destinations.memo(
    `targeting-match:${cache.generation}:${selectorKey}`,
    () =>
      cache.destinations
        .all()
        .sort(compareNames)
        .map(d => {
          const m = matchDestination(matchLabels, d, {
            generation: cache.generation,
          });
          return { d, m, reasonTexts: m.reasons.map(describeMismatch) };
        }),
  );
  const destinations: DestinationTargeting[] = matched.map(
    ({ d, m, reasonTexts }) => {
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
        reasonTexts,
        workPlacements: counts.total,
        misplaced: counts.misplaced,
      };
    },
  );

  // A Promise's thousands of resource Works share a handful of distinct selectors: each distinct
  // selector is matched against the Destinations once per change of them (bench/README.md, targeting).
  const destinationIndex = destinationIndexOf(cache);
  const matchingOf = (selector: Labels): string[] => [
    ...destinationIndex.matching(selector),
  ];

  // Sorting a big Promise's 10,000 Works is most of a page's cost: done once per store change.
  // The same pass finds what stops Kratix from applying the Promise (duplicate static-dependency Works).
  const { works, total, problems } = cache.works.memo(
    `targeting-order:${promise.name}`,
    () => {
      const sorted: readonly SlimWork[] = cache.works
        .byIndex('promise', promise.name)
        .sort(compareNamespacedNames);
      return {
        works: sorted,
        total: sorted.reduce((n, w) => n + w.workloadGroups.length, 0),
        problems: [
          duplicateStaticDependencyProblem(sorted, promise.name),
        ].filter((p): p is string => Boolean(p)),
      };
    },
    // Work status writes (Kratix's after each reconcile) keep the order.
    PLACEMENT_ASPECT,
  );
  const workloadGroups: WorkloadGroupTargeting[] = [];
  let skip = page.offset;
  for (const work of works) {
    if (workloadGroups.length >= page.limit) break;
    if (skip >= work.workloadGroups.length) {
      skip -= work.workloadGroups.length;
      continue;
    }
    const placements = cache.workPlacements.byIndex(
      'work',
      nsKey(work.namespace, work.name),
    );
    const groups = [...work.workloadGroups].sort((a, b) =>
      compareCodeUnits(a.directory, b.directory),
    );
    for (const group of groups.slice(
      skip,
      skip + page.limit - workloadGroups.length,
    )) {
      const merged = schedulingSelector(
        work,
        group.destinationSelectors,
        cache.generation,
      );
      workloadGroups.push({
        work: { namespace: work.namespace, name: work.name },
        kind: work.resourceName ? 'resource' : 'dependency',
        resourceName: work.resourceName,
        groupId: group.id,
        directory: group.directory,
        matchLabels: merged.matchLabels,
        sourceOf: merged.sourceOf,
        conflicts: merged.conflicts,
        fromWorkflow: group.destinationSelectors.some(
          s => s.source !== 'promise',
        ),
        matching: matchingOf(merged.matchLabels),
        placedOn: placements
          .filter(wp => wp.workloadGroupId === group.id)
          .map(wp => wp.targetDestinationName)
          .sort(),
      });
    }
    skip = 0;
  }

  return {
    ...meta,
    promise: promise.name,
    resourceVersion: promise.resourceVersion,
    selectors: squashedSelectorView(promise),
    destinations,
    workloadGroups,
    workloadGroupsTotal: total,
    workloadGroupsOffset: page.offset,
    workloadGroupsLimit: page.limit,
    problems,
  };
}
