import {
  DestinationSelectorEntry,
  Labels,
  SelectorSource,
  WorkloadGroupSelector,
} from '../model/objects';
import { DRY_RUN_LABEL } from '../model/labels';
import { KratixGeneration } from '../model/kratixVersion';

/**
 * A key of one selector entry that another entry overrode.
 *
 * @public
 */
export interface SelectorConflict {
  key: string;
  /** The value that lost. */
  ignoredValue: string;
  /** The value that won. */
  keptValue: string;
  /** Index (in `spec.destinationSelectors`) or source of the loser and the winner. */
  ignoredFrom: string;
  keptFrom: string;
}

/** @public */
export interface SquashedSelectors {
  matchLabels: Labels;
  /** For each key: the index of the entry it comes from. */
  entryOf: Record<string, number>;
  conflicts: SelectorConflict[];
}

/**
 * Kratix's SquashPromiseScheduling: the `matchLabels` of all Promise `spec.destinationSelectors`
 * entries merged into one map; on a key conflict the FIRST entry wins (it iterates in reverse and
 * overwrites). ae170e22 api/v1alpha1/promise_types.go:265; v0.125.0 api/v1alpha1/promise_types.go:158-171.
 *
 * @public
 */
export function squashPromiseScheduling(
  entries: readonly DestinationSelectorEntry[],
): SquashedSelectors {
  const matchLabels: Labels = {};
  const entryOf: Record<string, number> = {};
  const conflicts: SelectorConflict[] = [];
  entries.forEach((entry, index) => {
    for (const [key, value] of Object.entries(entry.matchLabels ?? {})) {
      if (key in matchLabels) {
        if (matchLabels[key] !== value) {
          conflicts.push({
            key,
            ignoredValue: value,
            keptValue: matchLabels[key],
            ignoredFrom: `destinationSelectors[${index}]`,
            keptFrom: `destinationSelectors[${entryOf[key]}]`,
          });
        }
        continue;
      }
      matchLabels[key] = value;
      entryOf[key] = index;
    }
  });
  return { matchLabels, entryOf, conflicts };
}

/**
 * Priority of a selector source; higher wins. Unknown or empty sources sort with the lowest
 * (resource-workflow). ae170e22 internal/controller/scheduler.go:575
 * (sortWorkloadGroupDestinationsByLowestPriority); v0.125.0 controllers/scheduler.go:454-495.
 */
export function selectorSourcePriority(source: string): number {
  if (source === 'promise') return 2;
  if (source === 'promise-workflow') return 1;
  return 0;
}

/** @public */
export interface MergedSelectors {
  matchLabels: Labels;
  /** For each key: the source whose value is used. */
  sourceOf: Record<string, string>;
  conflicts: SelectorConflict[];
}

/**
 * The selector a workload group is scheduled with (resolveDestinationSelectorsForWorkloadGroup,
 * ae170e22 internal/controller/scheduler.go:558): selectors stable-sorted from lowest to highest
 * priority and written into one map, later overwriting earlier. So all keys are unioned and on a
 * conflict the Promise spec wins over a Promise workflow, which wins over a Resource workflow;
 * within one source the later entry wins.
 *
 * @public
 */
export function mergeWorkloadGroupSelectors(
  selectors: readonly WorkloadGroupSelector[],
): MergedSelectors {
  const ordered = selectors
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        selectorSourcePriority(a.s.source) -
          selectorSourcePriority(b.s.source) || a.i - b.i,
    );
  const matchLabels: Labels = {};
  const sourceOf: Record<string, string> = {};
  const conflicts: SelectorConflict[] = [];
  for (const { s } of ordered) {
    const source = s.source || 'resource-workflow';
    for (const [key, value] of Object.entries(s.matchLabels ?? {})) {
      if (key in matchLabels && matchLabels[key] !== value) {
        conflicts.push({
          key,
          ignoredValue: matchLabels[key],
          keptValue: value,
          ignoredFrom: sourceOf[key],
          keptFrom: source,
        });
      }
      matchLabels[key] = value;
      sourceOf[key] = source;
    }
  }
  return { matchLabels, sourceOf, conflicts };
}

/**
 * The selectors Kratix puts on a Promise's static-dependency Work: the squashed spec selectors with
 * source `promise`, or none when the spec has none (ae170e22 api/v1alpha1/work_types.go:109
 * NewPromiseDependenciesWork; v0.125.0 api/v1alpha1/work_types.go:98-105).
 *
 * @public
 */
export function promiseDependencySelectors(
  entries: readonly DestinationSelectorEntry[],
): WorkloadGroupSelector[] {
  const { matchLabels } = squashPromiseScheduling(entries);
  if (Object.keys(matchLabels).length === 0) return [];
  return [{ matchLabels, source: 'promise' satisfies SelectorSource }];
}

/**
 * The selector Kratix schedules one workload group of a Work with. A dry-run Work (current
 * generation: the Work carries `kratix.io/dry-run=true`) is scheduled with `kratix.io/dry-run=true`
 * instead of its groups' selectors (ae170e22 internal/controller/scheduler.go reconcileWorkloadGroup
 * and updateWorkPlacement); every other Work with its merged group selectors. v0.125.0 has no
 * dry-run feature.
 *
 * @public
 */
export function schedulingSelector(
  work: { labels?: Labels } | undefined,
  groupSelectors: readonly WorkloadGroupSelector[],
  generation: KratixGeneration,
): MergedSelectors {
  if (generation === 'current' && work?.labels?.[DRY_RUN_LABEL] === 'true') {
    return {
      matchLabels: { [DRY_RUN_LABEL]: 'true' },
      sourceOf: { [DRY_RUN_LABEL]: 'dry-run' },
      conflicts: [],
    };
  }
  return mergeWorkloadGroupSelectors(groupSelectors);
}
