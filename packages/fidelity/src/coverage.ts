/*
 * Which targeting rules a fidelity step exercised, i.e. where the rule decided part of what the
 * engine predicted and Kratix did. Pure.
 */
import {
  DestinationSelectorEntry,
  WhatIfGroupEffect,
  matchDestination,
  mergeWorkloadGroupSelectors,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import {
  PlannedDestination,
  plannedMatches,
  resourceWorkSelectors,
} from './scenario';

/** The rules every CI run must exercise. */
export const RULES = [
  'squash-first-wins',
  'precedence',
  'strictMatchLabels',
  'empty-selector',
  'missing-label',
  'different-value',
  'destination-added',
  'destination-relabelled',
  'destination-deleted',
  'un-misplace',
  'resource-never-moves',
] as const;

/** Also counted, not required. */
export const EXTRA_RULES = [
  'promise-selector-change',
  'misplace',
  'create',
  'multi-match',
  'extra-labels',
  'deferred',
  'resource-work',
  'resource-workflow-ran',
  'destination-not-ready',
  'destination-deleted-cleanup-all',
] as const;

export type Rule = (typeof RULES)[number] | (typeof EXTRA_RULES)[number];

export const RULE_DESCRIPTIONS: Record<Rule, string> = {
  'squash-first-wins':
    'conflicting spec.destinationSelectors entries: the first wins (and it changes the match)',
  precedence:
    'resource Work selector: the Promise value beats the resource-workflow value',
  strictMatchLabels:
    'strictMatchLabels excludes a labelled Destination from an empty selector / is ignored by a non-empty one',
  'empty-selector': 'empty selector: every non-strict Destination',
  'missing-label': 'a Destination excluded because a selector label is missing',
  'different-value':
    'a Destination excluded because a selector label has another value',
  'destination-added': 'a Destination added',
  'destination-relabelled': 'a Destination relabelled',
  'destination-deleted':
    'a Destination deleted under a WorkPlacement of the Promise',
  'un-misplace':
    'a misplaced dependency WorkPlacement whose Destination matches again loses the label',
  'resource-never-moves':
    'a resource WorkPlacement on an excluded Destination is labelled, never moved',
  'promise-selector-change': 'a Promise selector change',
  misplace: 'a dependency WorkPlacement labelled misplaced',
  create: 'a new Promise placed',
  'multi-match': 'a selector matching two or more scenario Destinations',
  'extra-labels':
    'a Destination with labels the selector does not ask for is matched',
  deferred:
    'a prediction timed "deferred" (v0.125: needs the Work\'s next reconcile)',
  'resource-work': 'a resource Work placed on its one matching Destination',
  'destination-not-ready':
    'current: a Destination whose state store is missing (Ready=False, StateStoreNotFound) is scheduled to like any other',
  'destination-deleted-cleanup-all':
    'current: a Destination with cleanup: all deleted under a WorkPlacement of the Promise',
  'resource-workflow-ran':
    "the resource Work came from a real resource workflow (Kratix's work-creator wrote the predicted selectors)",
};

/** Rules decided by the Promise's selector against the scenario's Destinations. */
export function selectorRules(
  selectors: readonly DestinationSelectorEntry[],
  destinations: readonly PlannedDestination[],
): Set<Rule> {
  const rules = new Set<Rule>();
  const squashed = squashPromiseScheduling(selectors);
  const keys = Object.keys(squashed.matchLabels);
  if (keys.length === 0) {
    rules.add('empty-selector');
    if (
      destinations.some(
        d => d.strictMatchLabels && Object.keys(d.labels).length > 0,
      )
    ) {
      rules.add('strictMatchLabels');
    }
    return rules;
  }
  for (const d of destinations) {
    const r = matchDestination(squashed.matchLabels, d, {
      generation: 'v0.125',
    });
    if (r.matched) {
      if (d.strictMatchLabels) rules.add('strictMatchLabels');
      if (Object.keys(d.labels).some(k => !keys.includes(k)))
        rules.add('extra-labels');
    }
    for (const reason of r.reasons) {
      if (reason.type === 'missing-label') rules.add('missing-label');
      if (reason.type === 'different-value') rules.add('different-value');
    }
  }
  if (plannedMatches(squashed.matchLabels, destinations).length >= 2)
    rules.add('multi-match');
  if (squashed.conflicts.length > 0) {
    const lastWins = squashPromiseScheduling(
      [...selectors].reverse(),
    ).matchLabels;
    const first = plannedMatches(squashed.matchLabels, destinations).join(',');
    const last = plannedMatches(lastWins, destinations).join(',');
    if (first !== last) rules.add('squash-first-wins');
  }
  return rules;
}

/**
 * Precedence is exercised when the resource workflow asks for another value of a key the Promise
 * also sets: the Work is placed where the Promise's value points (the workflow's value would
 * exclude that Destination).
 */
export function resourceRules(
  workflowSelector: Record<string, string>,
  promiseSelectors: readonly DestinationSelectorEntry[],
): Set<Rule> {
  const merged = mergeWorkloadGroupSelectors(
    resourceWorkSelectors(workflowSelector, promiseSelectors),
  );
  const rules = new Set<Rule>();
  if (
    merged.conflicts.some(
      c => c.keptFrom === 'promise' && c.ignoredFrom === 'resource-workflow',
    )
  ) {
    rules.add('precedence');
  }
  return rules;
}

/** Rules shown by the engine's predicted effects for the Promise. */
export function effectRules(groups: readonly WhatIfGroupEffect[]): Set<Rule> {
  const rules = new Set<Rule>();
  for (const g of groups) {
    if (g.workPlacementsUnmisplaced.length > 0) rules.add('un-misplace');
    if (g.workPlacementsMisplaced.length > 0) rules.add('misplace');
    if (g.resourcesOnExcludedDestinations.length > 0)
      rules.add('resource-never-moves');
    const any =
      g.workPlacementsCreated.length +
      g.workPlacementsMisplaced.length +
      g.workPlacementsUnmisplaced.length +
      g.resourcesOnExcludedDestinations.length;
    if (g.when === 'deferred' && any > 0) rules.add('deferred');
  }
  return rules;
}
