import {
  duplicateStaticDependencyProblem,
  KRATIX_PLATFORM_NAMESPACE,
  MergedSelectors,
  promiseDependencySelectors,
  SelectorConflict,
  SlimDestination,
  squashPromiseScheduling,
  WhatIfResponse,
  WhatIfWorkRef,
} from '@kratix-backstage/plugin-kratix-common';
import {
  DEFAULT_WORKLOAD_GROUP_ID,
  isDryRunWork,
  jsonEqual,
  resourceRequestCount,
  stateStoreIndex,
  whatIfWorkKind,
  workPlacementsOfGroup,
} from './picture';
import { GroupCase, evaluateGroup } from './groupEvaluation';
import { WhatIfResultBuilder } from './result';
import {
  DestinationMatcher,
  MergedSelectorCache,
  scheduleSelector,
} from './schedule';
import { minus, unparseableMessage, warnAboutTargets } from './shared';
import { warnPinned } from './pinnedWarning';
import { workflowWorkCases } from './workflowWorkCases';
import { ProposedPromiseSpec, WhatIfOptions, WhatIfPicture } from './types';

/** `kratix.io/paused` (current generation only): a paused Promise is not reconciled. */
const PAUSED_LABEL = 'kratix.io/paused';

function conflictKey(c: SelectorConflict): string {
  return `${c.key}\u0000${c.ignoredValue}\u0000${c.keptValue}\u0000${c.ignoredFrom}`;
}

/**
 * What Kratix will do if Promise `promiseName` gets the proposed spec. Nothing touches a cluster.
 *
 * - A spec change bumps the generation: the Promise configure workflow re-runs (new Job hash;
 *   ae170e22 lib/workflow/reconciler.go:509 jobIsForPipeline; v0.125.0
 *   lib/workflow/reconciler.go:153-168,207-217) and, for a Promise with an API, every resource
 *   request's workflow (ae170e22 internal/controller/promise_controller.go:875
 *   shouldReconcileResources → :1163 reconcileAllRRs; v0.125.0 controllers/promise_controller.go:240-246,400-422).
 * - The static-dependency Work is rewritten on the Promise reconcile itself, with the squashed
 *   selectors (source `promise`), or deleted when `dependencies` becomes empty (ae170e22
 *   internal/controller/promise_controller.go:976-990, :2157 applyWorkForStaticDependencies, :2201
 *   deleteWorkForStaticDependencies; v0.125.0 controllers/promise_controller.go:350-398,955-998).
 * - Workflow Works get the new Promise selectors only when their workflow re-runs.
 *
 * @public
 */
export function whatIfPromiseChange(
  picture: WhatIfPicture,
  promiseName: string,
  proposed: ProposedPromiseSpec,
  options: WhatIfOptions = {},
): WhatIfResponse {
  const generation = picture.generation;
  const promise = picture.promises.find(p => p.name === promiseName);
  if (!promise)
    throw new Error(`Promise "${promiseName}" is not in the platform picture`);
  const b = new WhatIfResultBuilder(
    'promise',
    generation,
    options,
    promiseName,
  );
  const effect = b.promise(promiseName);

  const selectorsChanged = !jsonEqual(
    promise.destinationSelectors,
    proposed.destinationSelectors,
  );
  const dependenciesChanged =
    proposed.dependenciesChanged ??
    proposed.dependencyCount !== promise.dependencyCount;
  const currentConfigure = promise.workflows.promiseConfigure;
  const proposedConfigure = proposed.promiseConfigure ?? currentConfigure;
  const specChanged =
    selectorsChanged ||
    dependenciesChanged ||
    !jsonEqual(currentConfigure, proposedConfigure) ||
    proposed.specChanged === true;

  const hasStaticDeps = picture.works.some(
    w =>
      w.promiseName === promiseName &&
      whatIfWorkKind(w) === 'static-dependency',
  );
  if (!specChanged) {
    effect.staticDependencies =
      hasStaticDeps || promise.dependencyCount > 0 ? 'unchanged' : 'none';
    effect.workflows = {
      promiseConfigure: false,
      resourceRequests: 0,
      resourceRequestsEstimated: false,
      total: 0,
    };
    b.note(
      'The proposed spec equals the current one: the generation does not change, no workflow re-runs and nothing is re-scheduled.',
    );
    return b.finish(false);
  }

  if (generation === 'current' && promise.labels?.[PAUSED_LABEL] === 'true') {
    b.warn({
      code: 'promise-paused',
      promise: promiseName,
      message: `Promise ${promiseName} is paused (${PAUSED_LABEL}=true): none of this happens until it is un-paused.`,
    });
  }

  const duplicate = duplicateStaticDependencyProblem(
    picture.works,
    promiseName,
  );
  if (duplicate) {
    b.warn({
      code: 'duplicate-static-dependency-works',
      promise: promiseName,
      message: `${duplicate} The effects below are what Kratix would do with one Work.`,
    });
  }

  // Workflows that re-run.
  const rr = resourceRequestCount(picture, promiseName);
  const hasApi = Boolean(promise.api) || rr.count > 0;
  const promiseWorkflowReruns = proposedConfigure.length > 0;
  const resourceReruns = hasApi ? rr.count : 0;
  effect.workflows = {
    promiseConfigure: promiseWorkflowReruns,
    resourceRequests: resourceReruns,
    resourceRequestsEstimated: hasApi && rr.estimated,
    total: (promiseWorkflowReruns ? 1 : 0) + resourceReruns,
  };
  b.addWorkflowReruns(effect.workflows.total);
  if (hasApi && rr.estimated) {
    b.warn({
      code: 'resource-count-estimated',
      promise: promiseName,
      message: `The number of resource requests of ${promiseName} was not given; ${rr.count} counted from its resource Works (requests without Works are missed).`,
    });
  }

  // The Promise's own selector: squash (first entry wins), syntax, conflicts.
  const squashedOld = squashPromiseScheduling(promise.destinationSelectors);
  const squashedNew = squashPromiseScheduling(proposed.destinationSelectors);
  const newPromiseSelectors = promiseDependencySelectors(
    proposed.destinationSelectors,
  );
  const matcher = new DestinationMatcher(picture.destinations, generation);
  const newPromiseSel = scheduleSelector(squashedNew.matchLabels);
  const oldPromiseSel = scheduleSelector(squashedOld.matchLabels);

  if (newPromiseSel.parseProblem) {
    b.warn({
      code: 'invalid-selector-value',
      promise: promiseName,
      message: `spec.destinationSelectors: ${
        newPromiseSel.parseProblem
      }. ${unparseableMessage(generation)}`,
    });
  }
  const oldConflicts = new Set(squashedOld.conflicts.map(conflictKey));
  for (const c of squashedNew.conflicts) {
    if (oldConflicts.has(conflictKey(c))) continue;
    b.warn({
      code: 'selector-conflict',
      promise: promiseName,
      message: `${c.ignoredFrom} sets ${c.key}=${c.ignoredValue} but ${c.keptFrom} sets ${c.key}=${c.keptValue}: Kratix keeps the first entry (${c.key}=${c.keptValue}) and ignores the other.`,
    });
  }
  const newPromiseMatch = matcher.match(newPromiseSel);
  if (!newPromiseMatch.fails && newPromiseMatch.names.length === 0) {
    b.warn({
      code: 'selector-matches-nothing',
      promise: promiseName,
      message: `The proposed selector ${JSON.stringify(
        squashedNew.matchLabels,
      )} matches no Destination: dependencies and new resources stay unscheduled until one matches.`,
    });
  }
  if (hasApi) {
    const oldPromiseMatch = matcher.match(oldPromiseSel);
    effect.newResources = {
      selector: squashedNew.matchLabels,
      candidates: newPromiseMatch.names,
      gained: minus(newPromiseMatch.names, oldPromiseMatch.set),
      lost: minus(oldPromiseMatch.names, newPromiseMatch.set),
    };
  }

  // The Promise's Works and their WorkPlacements.
  const works = picture.works.filter(
    w => w.promiseName === promiseName && !isDryRunWork(w, generation),
  );
  const wpsOf = workPlacementsOfGroup(picture, works);

  const selectors = new MergedSelectorCache();
  const targets = new Set<string>();
  const failedWorks = new Set<string>();
  let falsePositives = 0;
  // Workflow selectors the Promise now overrides (Promise > Promise-workflow > Resource-workflow),
  // once per distinct (before, after) pair.
  const introduced = new Map<
    MergedSelectors,
    Map<MergedSelectors, SelectorConflict[]>
  >();
  const overridden = new Map<string, { c: SelectorConflict; groups: number }>();
  // Each case is evaluated as it is made: 40,000 cases kept in a list until a second pass would
  // outlive the young generation and grow the heap.
  const evaluate = (gc: GroupCase) => {
    const workId = `${gc.work.namespace}\u0000${gc.work.name}`;
    const r = evaluateGroup(b, matcher, selectors, gc, failedWorks.has(workId));
    if (r.fails) failedWorks.add(workId);
    falsePositives += r.falsePositives;
    for (const d of r.targets) targets.add(d);
    if (!gc.rewritten || !r.before || !r.after) return;
    let byAfter = introduced.get(r.before);
    if (!byAfter) introduced.set(r.before, (byAfter = new Map()));
    let conflicts = byAfter.get(r.after);
    if (!conflicts) {
      const old = new Set(r.before.conflicts.map(conflictKey));
      conflicts = r.after.conflicts.filter(
        c =>
          c.keptFrom === 'promise' &&
          c.ignoredFrom !== 'promise' &&
          !old.has(conflictKey(c)),
      );
      byAfter.set(r.after, conflicts);
    }
    for (const c of conflicts) {
      const entry = overridden.get(conflictKey(c));
      if (entry) entry.groups++;
      else overridden.set(conflictKey(c), { c, groups: 1 });
    }
  };
  const staticWorks = works.filter(
    w => whatIfWorkKind(w) === 'static-dependency',
  );
  const removing = proposed.dependencyCount === 0;
  if (removing) {
    effect.staticDependencies = staticWorks.length ? 'deleted' : 'none';
    if (staticWorks.length) {
      const count = staticWorks.reduce(
        (n, w) =>
          n + w.workloadGroups.reduce((m, g) => m + wpsOf(w, g.id).length, 0),
        0,
      );
      b.warn({
        code: 'dependencies-removed',
        promise: promiseName,
        message: `spec.dependencies becomes empty: Kratix deletes the static-dependency Work and its ${count} WorkPlacement(s); their files are removed from the state stores.`,
      });
    }
  } else if (staticWorks.length === 0) {
    effect.staticDependencies = 'created';
    evaluate({
      work: {
        promise: promiseName,
        namespace: KRATIX_PLATFORM_NAMESPACE,
        name: `${promiseName}-static-deps-(new)`,
        kind: 'static-dependency',
      },
      groupId: DEFAULT_WORKLOAD_GROUP_ID,
      directory: '.',
      before: null,
      after: newPromiseSelectors,
      dependency: true,
      workChange: 'created',
      when: 'immediate',
      assumed: false,
      wps: [],
    });
  } else {
    effect.staticDependencies =
      dependenciesChanged || selectorsChanged ? 'updated' : 'unchanged';
  }
  for (const w of staticWorks) {
    const ref: WhatIfWorkRef = {
      promise: promiseName,
      namespace: w.namespace,
      name: w.name,
      kind: 'static-dependency',
    };
    for (const g of w.workloadGroups) {
      evaluate({
        work: ref,
        groupId: g.id,
        directory: g.directory,
        before: g.destinationSelectors,
        // NewPromiseDependenciesWork: one group `.` with the squashed selectors, source `promise`
        // (ae170e22 api/v1alpha1/work_types.go:109; v0.125.0 api/v1alpha1/work_types.go:98-105).
        after: removing ? null : newPromiseSelectors,
        dependency: true,
        workChange: removing ? 'deleted' : undefined,
        when: 'immediate',
        whenReason: 'the Promise reconcile rewrites the static-dependency Work',
        assumed: false,
        wps: wpsOf(w, g.id),
      });
    }
  }

  const pinnedWorks = workflowWorkCases(
    b,
    evaluate,
    works,
    picture.pinnedResources?.[promiseName] ?? {},
    { promiseName, promiseWorkflowReruns, newPromiseSelectors, wpsOf },
  );
  if (pinnedWorks.size > 0) warnPinned(b, promiseName, pinnedWorks, works);
  for (const { c, groups } of overridden.values()) {
    b.warn({
      code: 'workflow-selector-overridden',
      promise: promiseName,
      message: `${groups} workload group(s): the ${c.ignoredFrom} selector ${c.key}=${c.ignoredValue} is overridden by the Promise's ${c.key}=${c.keptValue} (Promise selectors win).`,
    });
  }

  if (generation === 'v0.125' && falsePositives > 0) {
    b.note(
      `Kratix v0.125.0 draws a new random Destination on every resource Work reconcile and labels the WorkPlacement misscheduled when they differ (syntasso/kratix#486): ${falsePositives} resource WorkPlacement(s) whose Destination still matches share their selector with other Destinations and will likely be labelled misscheduled although correctly placed.`,
    );
  }
  const byName = new Map(picture.destinations.map(d => [d.name, d] as const));
  warnAboutTargets(
    b,
    [...new Set([...b.gainedDestinations(), ...targets])]
      .map(n => byName.get(n))
      .filter((d): d is SlimDestination => Boolean(d)),
    stateStoreIndex(picture.stateStores),
    generation,
  );
  if (effect.workflows.resourceRequests > 0) {
    b.note(
      'Resources never move: existing resource WorkPlacements stay where they are, and those on Destinations the new selectors exclude are labelled misplaced when their workflow re-runs; new resources use the new Destination set.',
    );
  }
  if (
    !promiseWorkflowReruns &&
    works.some(w => whatIfWorkKind(w) === 'promise-workflow')
  ) {
    b.note(
      'The proposed spec has no Promise configure workflow: its existing Works are not rewritten and keep their selectors.',
    );
  }
  return b.finish(true);
}
