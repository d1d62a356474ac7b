import {
  MergedSelectors,
  misplacementLabelOf,
  SlimWorkPlacement,
  WhatIfTiming,
  WhatIfWorkRef,
  WorkloadGroupSelector,
} from '@kratix-backstage/plugin-kratix-common';
/*
 * One workload group of a Promise change: which Destinations its selector matches before and
 * after, and what Kratix then does with its WorkPlacements (created, misplaced, un-marked, deleted,
 * left on an excluded Destination), by the kind of Work it belongs to.
 */
import {
  GroupEffectInput,
  WhatIfResultBuilder,
  emptyGroupLists,
} from './result';
import {
  DestinationMatcher,
  EMPTY_MATCH,
  MatchSet,
  MergedSelectorCache,
} from './schedule';
import { minus, selectorView, wpRef } from './shared';

export interface GroupCase {
  work: WhatIfWorkRef;
  groupId: string;
  directory: string;
  /** null: the group does not exist on that side. */
  before: WorkloadGroupSelector[] | null;
  after: WorkloadGroupSelector[] | null;
  /** A workflow Work's group that gets the new Promise selectors. */
  rewritten?: boolean;
  dependency: boolean;
  workChange?: 'created' | 'deleted';
  when: WhatIfTiming;
  whenReason?: string;
  assumed: boolean;
  wps: readonly SlimWorkPlacement[];
}

export interface EvaluateResult {
  before: MergedSelectors | null;
  after: MergedSelectors | null;
  fails: boolean;
  falsePositives: number;
  targets: string[];
}

/** One workload group of a Work before and after the change: its effect, added to the builder. */
export function evaluateGroup(
  b: WhatIfResultBuilder,
  matcher: DestinationMatcher,
  selectors: MergedSelectorCache,
  gc: GroupCase,
  earlierGroupFailed: boolean,
): EvaluateResult {
  const before = gc.before ? selectors.get(gc.before) : null;
  const after = gc.after ? selectors.get(gc.after) : null;
  const bm = before?.merged ?? null;
  const am = after?.merged ?? null;
  const bs = before?.selector ?? null;
  const as = after?.selector ?? null;
  const bset: MatchSet = bs ? matcher.match(bs) : EMPTY_MATCH;
  const aset: MatchSet = as ? matcher.match(as) : EMPTY_MATCH;
  const fails =
    aset.fails || (earlierGroupFailed && gc.workChange !== 'deleted');
  const mc = b.matchChange(
    `${bs?.id ?? '-'}|${as?.id ?? '-'}|${fails}`,
    () => ({
      before: bm?.matchLabels ?? null,
      after: am?.matchLabels ?? null,
      destinationsGained: fails ? [] : minus(aset.names, bset.set),
      destinationsLost: fails ? [] : minus(bset.names, aset.set),
      matchesBefore: bset.names.length,
      matchesAfter: aset.names.length,
      ...(as?.parseProblem ? { unparseable: true } : {}),
    }),
  );
  const effect: GroupEffectInput = {
    work: gc.work,
    groupId: gc.groupId,
    directory: gc.directory,
    ...(gc.workChange ? { workChange: gc.workChange } : {}),
    when: gc.when,
    ...(gc.whenReason ? { whenReason: gc.whenReason } : {}),
    assumedUnchangedUntilWorkflowRuns: gc.assumed,
    before: selectorView(bm),
    after: selectorView(am),
    selectorChanged: (bs?.key ?? null) !== (as?.key ?? null),
    ...emptyGroupLists(),
  };
  const result: EvaluateResult = {
    before: bm,
    after: am,
    fails,
    falsePositives: 0,
    targets: [],
  };

  if (fails) {
    effect.schedulingFails = aset.fails
      ? `Kratix cannot parse the selector (${as?.parseProblem}): the Work fails to schedule and its WorkPlacements are left as they are.`
      : // kratix ae170e22 internal/controller/scheduler.go:50-67
        'An earlier workload group of this Work fails to schedule: Kratix stops there.';
  } else if (gc.workChange === 'deleted') {
    // Deleting a Work deletes its WorkPlacements; their finalizers remove the files
    // (ae170e22 internal/controller/work_controller.go:203 deleteWork; v0.125.0 controllers/work_controller.go:99-120).
    // Kratix v0.125 race (seen by the fidelity run, packages/fidelity, seed 117):
    // a Destination reconcile during the deletion runs ReconcileAllDependencyWorks, which does not
    // skip Works being deleted (controllers/scheduler.go:43-59), and may re-create WorkPlacements
    // the Work finalizer just deleted; the Work can then go with them left behind, owned by a
    // missing Work. A cluster's garbage collector deletes them (and their files) shortly after;
    // without one they stay. The prediction (deleted) is the settled outcome.
    effect.workPlacementsDeleted = gc.wps.map(wpRef);
  } else if (gc.dependency) {
    // Dependency Works go to ALL matches; existing WorkPlacements off the match set are labelled
    // misplaced and kept; the label is removed when the Destination matches again
    // (ae170e22 internal/controller/scheduler.go:188-281,366 reconcileWorkloadGroup /
    // applyWorkplacementsForTargetDestinations; v0.125.0 controllers/scheduler.go:202-234,312-354).
    const placed = new Set(gc.wps.map(wp => wp.targetDestinationName));
    effect.workPlacementsCreated = aset.names.filter(n => !placed.has(n));
    result.targets.push(...effect.workPlacementsCreated);
    for (const wp of gc.wps) {
      const labelled = misplacementLabelOf(wp.labels) !== undefined;
      const matches = aset.set.has(wp.targetDestinationName);
      if (!matches && !labelled) effect.workPlacementsMisplaced.push(wpRef(wp));
      if (matches && labelled) effect.workPlacementsUnmisplaced.push(wpRef(wp));
    }
  } else if (gc.wps.length === 0) {
    // An unscheduled resource group goes to one random match (ae170e22 internal/controller/scheduler.go:489-519;
    // v0.125.0 controllers/scheduler.go:391-417).
    if (aset.names.length > 0 && bset.names.length === 0) {
      effect.becomesSchedulable = true;
      b.needCandidates(mc, () => aset.names);
    }
  } else {
    // Resource WorkPlacements never move; one off the match set is labelled misplaced on the
    // Work's next reconcile and the label is never removed (ae170e22 internal/controller/scheduler.go:283-327
    // updateWorkPlacement; v0.125.0 controllers/scheduler.go:237-263).
    for (const wp of gc.wps) {
      const labelled = misplacementLabelOf(wp.labels) !== undefined;
      const matches = aset.set.has(wp.targetDestinationName);
      if (!matches && !labelled)
        effect.resourcesOnExcludedDestinations.push(wpRef(wp));
      if (matches && !labelled && aset.names.length > 1)
        result.falsePositives++;
    }
  }
  b.addGroup(effect, mc);
  return result;
}
