import {
  isResourceWorkload,
  misplacementLabelOf,
  SlimDestination,
  squashPromiseScheduling,
  TARGET_DESTINATION_LABEL,
  WhatIfDestinationsRequest,
  WhatIfResponse,
} from '@kratix-backstage/plugin-kratix-common';
import {
  groupKey,
  indexWorkPlacements,
  isDryRunWork,
  stateStoreIndex,
  stateStoreOf,
  whatIfWorkKind,
} from './picture';
import { applyDestinationRequest } from './destinationChanges';
import { destinationChangeTiming } from './destinationTiming';
import {
  CLEANUP_ALL_REASON,
  CLEANUP_ALL_RECREATED,
  noteRemovals,
} from './destinationRemovalNotes';
import {
  GroupEffectInput,
  WhatIfResultBuilder,
  emptyGroupLists,
} from './result';
import {
  DestinationMatcher,
  ScheduleSelector,
  MergedSelectorCache,
  scheduleSelector,
  schedulesTo,
} from './schedule';
import {
  selectorView,
  unparseableMessage,
  warnAboutTargets,
  wpRef,
} from './shared';
import { WhatIfOptions, WhatIfPicture } from './types';

/** How one distinct selector's Destination set changes: only the changed Destinations can differ. */
interface Delta {
  fails: boolean;
  after: Map<string, boolean>;
  gained: string[];
  lost: string[];
  matchesBefore: number;
  matchesAfter: number;
}

/**
 * What Kratix will do if Destinations are relabelled, removed or added, for the Works of ALL
 * Promises in the picture. Nothing touches a cluster. Only the changed Destinations can change a
 * selector's match set, so each distinct selector is evaluated against those alone.
 *
 * @public
 */
export function whatIfDestinationChange(
  picture: WhatIfPicture,
  request: WhatIfDestinationsRequest,
  options: WhatIfOptions = {},
): WhatIfResponse {
  const generation = picture.generation;
  const b = new WhatIfResultBuilder('destinations', generation, options);
  const stores = stateStoreIndex(picture.stateStores);
  const { after, changed } = applyDestinationRequest(
    picture.destinations,
    request,
    w => b.warn(w),
  );

  b.setDestinations([...changed.values()].map(c => c.effect));
  if (changed.size === 0) {
    b.note('No Destination changes: nothing is re-scheduled.');
    return b.finish(false);
  }

  const changedList = [...changed.values()];
  const beforeMatcher = new DestinationMatcher(
    picture.destinations,
    generation,
  );
  let afterMatcher: DestinationMatcher | undefined;
  const afterMatch = (sel: ScheduleSelector) => {
    if (!afterMatcher)
      afterMatcher = new DestinationMatcher([...after.values()], generation);
    return afterMatcher.match(sel);
  };

  const deltas = new Map<string, Delta>();
  const deltaOf = (sel: ScheduleSelector): Delta => {
    let d = deltas.get(sel.key);
    if (d) return d;
    const matchesBefore = beforeMatcher.match(sel).names.length;
    const afterMap = new Map<string, boolean>();
    const gained: string[] = [];
    const lost: string[] = [];
    let fails = false;
    for (const c of changedList) {
      const o = c.before ? schedulesTo(sel, c.before, generation) : false;
      const n = c.after ? schedulesTo(sel, c.after, generation) : false;
      if (o === undefined || n === undefined) {
        fails = true; // current generation, unparseable: Kratix schedules nothing for it
        break;
      }
      afterMap.set(c.name, n);
      if (n && !o) gained.push(c.name);
      if (o && !n) lost.push(c.name);
    }
    d = fails
      ? {
          fails,
          after: new Map(),
          gained: [],
          lost: [],
          matchesBefore: 0,
          matchesAfter: 0,
        }
      : {
          fails,
          after: afterMap,
          gained: gained.sort(),
          lost: lost.sort(),
          matchesBefore,
          matchesAfter: matchesBefore + gained.length - lost.length,
        };
    deltas.set(sel.key, d);
    return d;
  };

  const timing = destinationChangeTiming(
    generation,
    changedList.some(c => c.after && stateStoreOf(c.after, stores)),
  );

  const wpIndex = indexWorkPlacements(picture.workPlacements);
  const selectors = new MergedSelectorCache();
  const nothing = new Map<string, { groups: number; example: string }>();
  const unparseable = new Map<string, string>();
  const targets = new Set<string>();
  let staleResourceLabels = 0;
  let unlabelledOnCleanup = 0;
  /** Per removed cleanup: all Destination, the dependency WorkPlacements its finalizer deletes. */
  const dependencyDeletions = new Map<string, number>();
  /** Resources whose WorkPlacement a removed cleanup: all Destination deletes, left with no match. */
  let unscheduledOnCleanup = 0;

  for (const w of picture.works) {
    if (isDryRunWork(w, generation)) continue;
    const resource = isResourceWorkload(w);
    const kind = whatIfWorkKind(w);
    let earlierFailed = false;
    for (const g of w.workloadGroups) {
      const { merged, selector: sel } = selectors.get(g.destinationSelectors);
      const delta = deltaOf(sel);
      const frozen = delta.fails || earlierFailed;
      if (delta.fails) {
        earlierFailed = true;
        unparseable.set(w.promiseName, sel.parseProblem ?? '');
      }
      const wps = wpIndex.get(groupKey(w.namespace, w.name, g.id)) ?? [];
      const onChanged = wps.filter(wp => changed.has(wp.targetDestinationName));
      if (!delta.gained.length && !delta.lost.length && !onChanged.length)
        continue;

      const effect: GroupEffectInput = {
        work: {
          promise: w.promiseName,
          namespace: w.namespace,
          name: w.name,
          kind,
          ...(resource ? { resourceName: w.resourceName } : {}),
        },
        groupId: g.id,
        directory: g.directory,
        ...timing(resource),
        assumedUnchangedUntilWorkflowRuns: false,
        before: selectorView(merged),
        after: selectorView(merged),
        selectorChanged: false,
        ...emptyGroupLists(),
      };
      const mc = b.matchChange(`${sel.id}|${frozen}`, () => ({
        before: merged.matchLabels,
        after: merged.matchLabels,
        destinationsGained: frozen ? [] : delta.gained,
        destinationsLost: frozen ? [] : delta.lost,
        matchesBefore: delta.matchesBefore,
        matchesAfter: delta.matchesAfter,
        ...(sel.parseProblem ? { unparseable: true } : {}),
      }));
      if (frozen) {
        effect.schedulingFails = delta.fails
          ? `Kratix cannot parse the selector (${sel.parseProblem}): the Work fails to schedule and its WorkPlacements are left as they are.`
          : // kratix ae170e22 internal/controller/scheduler.go:50-67
            'An earlier workload group of this Work fails to schedule: Kratix stops there.';
      }

      for (const wp of onChanged) {
        const c = changed.get(wp.targetDestinationName)!;
        const labelled = misplacementLabelOf(wp.labels) !== undefined;
        if (
          c.change === 'remove' &&
          generation === 'current' &&
          c.before?.cleanup === 'all'
        ) {
          // cleanup: all deletes the WorkPlacements labelled kratix.io/targetDestinationName=<name>
          // (ae170e22 internal/controller/destination_controller.go deleteDestinationWorkplacements),
          // whose finalizers remove the files. Kratix never adds that label to a resource
          // WorkPlacement made before the label existed, so those are not found and stay.
          if (wp.labels?.[TARGET_DESTINATION_LABEL] !== c.name) {
            unlabelledOnCleanup++;
          } else {
            // A resource group left without WorkPlacement is scheduled again to one random match,
            // or stays unscheduled when none matches; a dependency WorkPlacement is not recreated.
            effect.workPlacementsDeleted.push(wpRef(wp));
            if (!resource)
              dependencyDeletions.set(
                c.name,
                (dependencyDeletions.get(c.name) ?? 0) + 1,
              );
            if (resource && !frozen) {
              const candidates = afterMatch(sel).names;
              if (candidates.length > 0) {
                effect.resourcesRescheduled.push(wpRef(wp));
                b.needCandidates(mc, () => candidates);
              } else {
                // No Destination matches: the Work stays unscheduled and retries until one does
                // (ae170e22 internal/controller/work_controller.go, WaitingDestination).
                unscheduledOnCleanup++;
              }
            }
            continue;
          }
        }
        if (frozen) continue;
        const matches = delta.after.get(c.name) ?? false;
        if (!matches && !labelled) {
          if (resource) effect.resourcesOnExcludedDestinations.push(wpRef(wp));
          else effect.workPlacementsMisplaced.push(wpRef(wp));
        }
        if (matches && labelled) {
          // Dependency WorkPlacements are un-marked when their Destination matches again; resource
          // ones never are (ae170e22 internal/controller/scheduler.go:283-327,366-428; v0.125.0
          // controllers/scheduler.go:237-263,312-354).
          if (resource) staleResourceLabels++;
          else effect.workPlacementsUnmisplaced.push(wpRef(wp));
        }
      }
      if (!frozen) {
        if (!resource) {
          const placed = new Set(wps.map(wp => wp.targetDestinationName));
          effect.workPlacementsCreated = delta.gained.filter(
            d => !placed.has(d),
          );
          for (const d of effect.workPlacementsCreated) targets.add(d);
        } else if (
          wps.length === 0 &&
          delta.matchesBefore === 0 &&
          delta.matchesAfter > 0
        ) {
          effect.becomesSchedulable = true;
          Object.assign(effect, timing(true, true));
          b.needCandidates(mc, () => afterMatch(sel).names);
          for (const d of delta.gained) targets.add(d);
        }
        if (delta.matchesBefore > 0 && delta.matchesAfter === 0) {
          const entry = nothing.get(w.promiseName);
          if (entry) entry.groups++;
          else
            nothing.set(w.promiseName, {
              groups: 1,
              example: JSON.stringify(merged.matchLabels),
            });
        }
      }
      if (effect.workPlacementsDeleted.length) {
        effect.whenReason = resource
          ? CLEANUP_ALL_REASON
          : CLEANUP_ALL_RECREATED;
      }
      if (b.addGroup(effect, mc)) {
        const m = b.getMatchChange(mc);
        for (const d of m.destinationsGained)
          changed.get(d)!.effect.groupsGained++;
        for (const d of m.destinationsLost) changed.get(d)!.effect.groupsLost++;
      }
    }
  }

  // The Promises' own selectors: where NEW resources go.
  for (const p of picture.promises) {
    if (!p.api) continue;
    const sel = scheduleSelector(
      squashPromiseScheduling(p.destinationSelectors).matchLabels,
    );
    const delta = deltaOf(sel);
    if (delta.fails || (!delta.gained.length && !delta.lost.length)) continue;
    b.promise(p.name).newResources = {
      selector: sel.matchLabels,
      candidates: afterMatch(sel).names,
      gained: delta.gained,
      lost: delta.lost,
    };
    if (delta.matchesAfter === 0) {
      const entry = nothing.get(p.name);
      if (!entry)
        nothing.set(p.name, {
          groups: 0,
          example: JSON.stringify(sel.matchLabels),
        });
    }
  }

  for (const [promise, { groups, example }] of nothing) {
    b.warn({
      code: 'selector-matches-nothing',
      promise,
      message: groups
        ? `${groups} workload group(s) of Promise ${promise} (e.g. selector ${example}) will match no Destination: dependencies cannot be placed and resources cannot be scheduled until one matches.`
        : `The selector ${example} of Promise ${promise} will match no Destination: new resources stay unscheduled.`,
    });
  }
  for (const [promise, problem] of unparseable) {
    b.warn({
      code: 'invalid-selector-value',
      promise,
      message: `A workload group of Promise ${promise} has a selector Kratix cannot parse (${problem}). ${unparseableMessage(
        generation,
      )}`,
    });
  }
  for (const c of changedList) {
    if (c.effect.groupsGained > 0) targets.add(c.name);
  }
  warnAboutTargets(
    b,
    [...targets]
      .map(n => after.get(n))
      .filter((d): d is SlimDestination => Boolean(d)),
    stores,
    generation,
  );

  noteRemovals(b, generation, stores, {
    removed: changedList.filter(c => c.change === 'remove'),
    dependencyDeletions,
    unlabelledOnCleanup,
    unscheduledOnCleanup,
  });
  if (staleResourceLabels > 0) {
    b.note(
      `${staleResourceLabels} misplaced resource WorkPlacement(s) sit on a Destination that matches again: Kratix never removes the label from resource WorkPlacements.`,
    );
  }
  if (generation === 'v0.125') {
    b.note(
      'Kratix v0.125 reports no Destination or state-store readiness: readiness could not be checked.',
    );
  }
  return b.finish(true);
}
