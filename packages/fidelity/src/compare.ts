/*
 * What the what-if engine predicts for one Promise, as the WorkPlacement states Kratix should show,
 * and the comparison with what Kratix did. Pure: no cluster access.
 *
 * A WorkPlacement is identified by (work, Destination): `dependency` for the static-dependency Work,
 * `resource/<name>` for a resource Work. Its state is `placed`, `misplaced` (labelled
 * kratix.io/misscheduled) or `absent`. Each prediction carries a timing; the runner checks three
 * phases after applying a change:
 *   1 `settled`: effects timed `immediate` must be there; `deferred` ones may or may not be (they
 *     need a reconcile the change does not trigger, but on a shared platform another Destination
 *     event may trigger it early); `after-workflow-run` ones must not be there yet.
 *   2 `nudged`: after the runner triggered a reconcile of every Work of the Promise (what "the
 *     Work's next own reconcile" means): `deferred` effects must be there too.
 *   3 `workflow re-run`: after the resource workflow re-ran (Promise changes only): `after-workflow-run`
 *     effects must be there too. Where workflows really run (the platform's node), the re-run
 *     starts with the update, so in phases 1 and 2 those effects may or may not be there yet;
 *     elsewhere the runner rewrites the Work the way the work-creator would, after phase 2.
 * Resource WorkPlacements whose Destination still matches a selector that matches more than one
 * Destination may be labelled at any reconcile (syntasso/kratix#486, docs/kratix-v0.125.0.md §4.5):
 * that label is accepted and counted.
 */
import {
  WhatIfGroupEffect,
  WhatIfResponse,
  WhatIfTiming,
  WhatIfWorkRef,
} from '@kratix-backstage/plugin-kratix-common';

export type WpState = 'placed' | 'misplaced' | 'absent';
export type Phase = 1 | 2 | 3;

export const PHASE_NAMES: Record<Phase, string> = {
  1: 'settled',
  2: 'nudged',
  3: 'workflow re-run',
};

/** A WorkPlacement of the scenario Promise, as the comparison sees it. */
export interface WpView {
  workKey: string;
  destination: string;
  misplaced: boolean;
}

export function workKeyOf(x: { resourceName?: string }): string {
  return x.resourceName ? `resource/${x.resourceName}` : 'dependency';
}

function workRefKey(ref: WhatIfWorkRef): string {
  return ref.kind === 'resource'
    ? `resource/${ref.resourceName ?? ''}`
    : 'dependency';
}

/** The phase from which an effect with this timing must be visible. */
export function phaseOf(when: WhatIfTiming): Phase {
  switch (when) {
    case 'immediate':
      return 1;
    case 'deferred':
    case 'next-requeue':
      return 2;
    case 'after-workflow-run':
    default:
      return 3;
  }
}

const entryKey = (workKey: string, destination: string) =>
  `${workKey}\u0000${destination}`;

export interface Expectation {
  phase: Phase;
  /** Allowed states per (work, Destination); anything not listed must be absent. */
  allowed: Map<string, Set<WpState>>;
  /** Entries that may show a later-phase (deferred) effect early: the state that effect gives. */
  deferredAfter: Map<string, WpState>;
  /** Entries where `misplaced` is allowed only because of syntasso/kratix#486. */
  tolerated486: Set<string>;
  /**
   * A resource Kratix schedules (again) to ONE random Destination among candidates: its group lost
   * its WorkPlacement (e.g. cleanup: all) or had none and now matches. Exactly one of these entries
   * must be placed; `early`: the effect's phase has not come yet, so at most one.
   */
  oneOf: Array<{ keys: string[]; what: string; early?: boolean }>;
}

export interface ExpectationInput {
  promise: string;
  /** The Promise's WorkPlacements the engine saw. */
  before: readonly WpView[];
  /** null: nothing predicted (the state must stay as it was). */
  response:
    | (Pick<WhatIfResponse, 'groups'> &
        Partial<Pick<WhatIfResponse, 'matchChanges'>>)
    | null;
  phase: Phase;
  /**
   * Per resource work key: the Destinations its selector matches in this phase. A resource
   * WorkPlacement still on one of them, with more than one, may be labelled (#486).
   */
  resourceMatches?: ReadonlyMap<string, readonly string[]>;
  /**
   * The resource workflow really runs and re-runs as soon as the Promise changes: before phase 3,
   * `after-workflow-run` effects may already show.
   */
  workflowRunning?: boolean;
}

type EffectList = keyof Pick<
  WhatIfGroupEffect,
  | 'workPlacementsMisplaced'
  | 'workPlacementsUnmisplaced'
  | 'workPlacementsDeleted'
  | 'resourcesOnExcludedDestinations'
  | 'resourcesRescheduled'
>;

const EFFECT_STATES: Array<[EffectList, WpState]> = [
  ['workPlacementsMisplaced', 'misplaced'],
  ['workPlacementsUnmisplaced', 'placed'],
  ['workPlacementsDeleted', 'absent'],
  ['resourcesOnExcludedDestinations', 'misplaced'],
  // Not at v0.125 (no Destination cleanup): the WorkPlacement is deleted and re-created elsewhere.
  ['resourcesRescheduled', 'absent'],
];

/** The engine's groups for one Promise (a Destination what-if covers every Promise). */
export function groupsOf(
  response: Pick<WhatIfResponse, 'groups'>,
  promise: string,
): WhatIfGroupEffect[] {
  return response.groups.filter(g => g.work.promise === promise);
}

export function expectedState(input: ExpectationInput): Expectation {
  const beforeState = new Map<string, WpState>();
  for (const wp of input.before) {
    beforeState.set(
      entryKey(wp.workKey, wp.destination),
      wp.misplaced ? 'misplaced' : 'placed',
    );
  }
  const allowed = new Map<string, Set<WpState>>();
  for (const [k, s] of beforeState) allowed.set(k, new Set([s]));
  const deferredAfter = new Map<string, WpState>();

  /** A later-phase effect Kratix may already show: it runs on its own clock (requeue, workflow). */
  const mayShowEarly = (g: WhatIfGroupEffect) =>
    g.when === 'deferred' ||
    g.when === 'next-requeue' ||
    (g.when === 'after-workflow-run' && input.workflowRunning === true);
  const apply = (g: WhatIfGroupEffect, destination: string, after: WpState) => {
    const k = entryKey(workRefKey(g.work), destination);
    const before = beforeState.get(k) ?? 'absent';
    const effectPhase = phaseOf(g.when);
    if (input.phase >= effectPhase) {
      allowed.set(k, new Set([after]));
      deferredAfter.delete(k);
    } else if (mayShowEarly(g)) {
      allowed.set(k, new Set([before, after]));
      if (after !== before) deferredAfter.set(k, after);
    } else {
      allowed.set(k, new Set([before]));
    }
  };

  const oneOf: Expectation['oneOf'] = [];
  for (const g of input.response
    ? groupsOf(input.response, input.promise)
    : []) {
    for (const d of g.workPlacementsCreated) apply(g, d, 'placed');
    for (const [list, state] of EFFECT_STATES) {
      for (const ref of g[list]) apply(g, ref.destination, state);
    }
    const schedules =
      g.resourcesRescheduled.length > 0 || g.becomesSchedulable === true;
    const effectPhase = phaseOf(g.when);
    if (schedules && (input.phase >= effectPhase || mayShowEarly(g))) {
      // Scheduled to one random candidate (ae170e22 internal/controller/scheduler.go
      // getTargetDestinationNames): each may get it, exactly one does.
      const candidates =
        input.response?.matchChanges?.[g.matchChange]?.candidates ?? [];
      const keys = candidates.map(d => entryKey(workRefKey(g.work), d));
      for (const k of keys) {
        const states = allowed.get(k) ?? new Set<WpState>(['absent']);
        states.add('placed');
        allowed.set(k, states);
      }
      oneOf.push({
        keys,
        what: `${workRefKey(g.work)} ${
          g.becomesSchedulable ? 'scheduled' : 'scheduled again'
        } to one of ${candidates.join(', ') || '(no candidate)'}`,
        early: input.phase < effectPhase,
      });
    }
  }

  const tolerated486 = new Set<string>();
  for (const [workKey, matches] of input.resourceMatches ?? []) {
    if (matches.length < 2) continue;
    for (const d of matches) {
      const k = entryKey(workKey, d);
      const states = allowed.get(k);
      if (states?.has('placed') && !states.has('misplaced')) {
        states.add('misplaced');
        tolerated486.add(k);
      }
    }
  }
  return { phase: input.phase, allowed, deferredAfter, tolerated486, oneOf };
}

export interface Comparison {
  diffs: string[];
  /** Deferred effects Kratix already showed (an unrelated event triggered the reconcile). */
  early: string[];
  /** Resource WorkPlacements labelled although placed correctly (#486). */
  tolerated486: string[];
}

const describe = (k: string) => {
  const [workKey, destination] = k.split('\u0000');
  return `${workKey} WorkPlacement on ${destination}`;
};

/**
 * Compares Kratix's WorkPlacements with the expectation, on the `comparable` Destinations only
 * (base + scenario ones: an empty selector also reaches other tests' Destinations).
 */
export function compareState(
  expectation: Expectation,
  observed: readonly WpView[],
  comparable: (destination: string) => boolean,
): Comparison {
  const seen = new Map<string, WpState>();
  const diffs: string[] = [];
  for (const wp of observed) {
    if (!comparable(wp.destination)) continue;
    const k = entryKey(wp.workKey, wp.destination);
    if (seen.has(k)) diffs.push(`${describe(k)}: more than one`);
    seen.set(k, wp.misplaced ? 'misplaced' : 'placed');
  }
  const early: string[] = [];
  const tolerated486: string[] = [];
  const keys = new Set([...expectation.allowed.keys(), ...seen.keys()]);
  for (const k of [...keys].sort()) {
    const [, destination] = k.split('\u0000');
    if (!comparable(destination)) continue;
    const allowed = expectation.allowed.get(k) ?? new Set<WpState>(['absent']);
    const actual = seen.get(k) ?? 'absent';
    if (!allowed.has(actual)) {
      diffs.push(
        `${describe(k)}: predicted ${[...allowed].join(
          ' or ',
        )}, Kratix: ${actual}`,
      );
      continue;
    }
    if (allowed.size > 1 && expectation.deferredAfter.get(k) === actual)
      early.push(describe(k));
    if (actual === 'misplaced' && expectation.tolerated486.has(k))
      tolerated486.push(describe(k));
  }
  for (const {
    keys: candidates,
    what,
    early: beforeItsPhase,
  } of expectation.oneOf) {
    const visible = candidates.filter(k => comparable(k.split('\u0000')[1]));
    const placed = visible.filter(k => seen.get(k) === 'placed').length;
    // Where a candidate is outside the comparable set, Kratix may have picked that one; with no
    // candidate at all it can place it nowhere.
    let expected = [0, 1];
    if (candidates.length === 0) expected = [0];
    else if (visible.length === candidates.length && !beforeItsPhase)
      expected = [1];
    if (!expected.includes(placed))
      diffs.push(`${what}: Kratix placed it on ${placed} of them`);
  }
  return { diffs, early, tolerated486 };
}
