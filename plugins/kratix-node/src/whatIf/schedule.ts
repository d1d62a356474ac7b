import {
  KratixGeneration,
  labelKeyProblem,
  Labels,
  labelValueProblem,
  MatchableDestination,
  matchDestination,
  MergedSelectors,
  mergeWorkloadGroupSelectors,
  SlimDestination,
  WorkloadGroupSelector,
} from '@kratix-backstage/plugin-kratix-common';

/*
 * Scheduling a merged selector against many Destinations, fast: selectors are keyed canonically and
 * their Destination sets cached (many workload groups share a selector), and a label index narrows
 * the Destinations that can match before the one matching rule (matchDestination) decides.
 */

/** A merged workload-group selector as the scheduler uses it. */
export interface ScheduleSelector {
  /** Canonical key: equal selectors have equal keys. */
  key: string;
  /** Small id, unique per key within one ScheduleSelectorCache (0 outside one). */
  id: number;
  matchLabels: Labels;
  /** Why Kratix cannot parse this selector; undefined when it can. */
  parseProblem?: string;
}

/**
 * Why Kratix fails to parse a merged selector, or undefined. Kratix builds the label selector with
 * labels.FormatLabels → labels.Parse (ae170e22 internal/controller/scheduler.go:526-528; v0.125.0
 * controllers/scheduler.go:425-427), and Parse validates every key (IsQualifiedName) and value
 * (IsValidLabelValue). Nothing validates selectors earlier: the Promise webhook checks only pipeline
 * labels (ae170e22 internal/webhook/v1alpha1/promise_webhook.go:352), the CRD types matchLabels as a
 * plain string map.
 */
export function selectorParseProblem(matchLabels: Labels): string | undefined {
  for (const [key, value] of Object.entries(matchLabels)) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(String(value));
    if (problem) return problem;
  }
  return undefined;
}

/** Canonical key of a selector: equal label maps give equal keys, whatever the key order. */
export function selectorKey(matchLabels: Labels): string {
  const keys = Object.keys(matchLabels).sort();
  return JSON.stringify(keys.map(k => [k, matchLabels[k]]));
}

export function scheduleSelector(matchLabels: Labels): ScheduleSelector {
  return {
    key: selectorKey(matchLabels),
    id: 0,
    matchLabels,
    parseProblem: selectorParseProblem(matchLabels),
  };
}

/** scheduleSelector with the syntax check done once per distinct selector. */
export class ScheduleSelectorCache {
  private readonly byKey = new Map<string, ScheduleSelector>();

  get(matchLabels: Labels): ScheduleSelector {
    const key = selectorKey(matchLabels);
    let selector = this.byKey.get(key);
    if (!selector) {
      selector = {
        key,
        id: this.byKey.size + 1,
        matchLabels,
        parseProblem: selectorParseProblem(matchLabels),
      };
      this.byKey.set(key, selector);
    }
    return selector;
  }
}

/**
 * What Kratix does with a selector it cannot parse:
 * - `current` (ae170e22 internal/controller/scheduler.go:528-531): getDestinationsForWorkloadGroup
 *   returns the error; ReconcileWork marks the Work `ScheduleSucceeded=False
 *   (FailedToScheduleWorkloads)` and returns at that group (:50-67), so nothing is created, updated
 *   or labelled misplaced for it or for the Work's later groups.
 * - `v0.125` (v0.125.0 controllers/scheduler.go:427-432): the error is only logged and the nil
 *   selector lists ALL Destinations; a non-empty selector skips the strictMatchLabels filter
 *   (:440-442), so every Destination matches, strict ones included.
 */
export type UnparseableOutcome = 'scheduling-fails' | 'all-destinations';

export function unparseableSelectorOutcome(
  generation: KratixGeneration,
): UnparseableOutcome {
  return generation === 'v0.125' ? 'all-destinations' : 'scheduling-fails';
}

/** Is this one Destination selected? `undefined` when scheduling fails (current generation, unparseable). */
export function schedulesTo(
  selector: ScheduleSelector,
  destination: MatchableDestination,
  generation: KratixGeneration,
): boolean | undefined {
  if (selector.parseProblem) {
    return unparseableSelectorOutcome(generation) === 'all-destinations'
      ? true
      : undefined;
  }
  return matchDestination(selector.matchLabels, destination, { generation })
    .matched;
}

export interface MatchSet {
  /** Sorted Destination names. */
  names: string[];
  set: ReadonlySet<string>;
  /** Scheduling fails for this selector (current generation, unparseable). */
  fails: boolean;
}

export const EMPTY_MATCH: MatchSet = {
  names: [],
  set: new Set(),
  fails: false,
};

/** The Destinations a selector schedules to, cached per selector. */
export class DestinationMatcher {
  private readonly byLabel = new Map<string, Map<string, SlimDestination[]>>();
  private readonly cache = new Map<string, MatchSet>();
  private allNames?: string[];

  constructor(
    readonly destinations: readonly SlimDestination[],
    readonly generation: KratixGeneration,
  ) {
    for (const d of destinations) {
      for (const [k, v] of Object.entries(d.labels ?? {})) {
        let values = this.byLabel.get(k);
        if (!values) {
          values = new Map();
          this.byLabel.set(k, values);
        }
        const list = values.get(v);
        if (list) list.push(d);
        else values.set(v, [d]);
      }
    }
  }

  match(selector: ScheduleSelector): MatchSet {
    const cached = this.cache.get(selector.key);
    if (cached) return cached;
    let result: MatchSet;
    if (selector.parseProblem) {
      result =
        unparseableSelectorOutcome(this.generation) === 'all-destinations'
          ? this.toSet(this.all())
          : { ...EMPTY_MATCH, fails: true };
    } else {
      // A non-empty selector can only select Destinations carrying one of its key=value pairs:
      // start from the rarest pair, then let matchDestination decide.
      let candidates: readonly SlimDestination[] = this.destinations;
      for (const [k, v] of Object.entries(selector.matchLabels)) {
        const list = this.byLabel.get(k)?.get(v) ?? [];
        if (list.length < candidates.length) candidates = list;
        if (candidates.length === 0) break;
      }
      const names: string[] = [];
      for (const d of candidates) {
        if (
          matchDestination(selector.matchLabels, d, {
            generation: this.generation,
          }).matched
        ) {
          names.push(d.name);
        }
      }
      result = this.toSet(names.sort());
    }
    this.cache.set(selector.key, result);
    return result;
  }

  private all(): string[] {
    if (!this.allNames)
      this.allNames = this.destinations.map(d => d.name).sort();
    return this.allNames;
  }

  private toSet(names: string[]): MatchSet {
    return { names, set: new Set(names), fails: false };
  }
}

export interface MergedGroupSelector {
  merged: MergedSelectors;
  selector: ScheduleSelector;
}

/**
 * mergeWorkloadGroupSelectors + the schedule selector, once per distinct list of group selectors
 * (thousands of resource Works usually carry the same few lists). The signature is
 * length-prefixed, so distinct lists never collide.
 */
export class MergedSelectorCache {
  readonly selectors = new ScheduleSelectorCache();
  private readonly bySignature = new Map<string, MergedGroupSelector>();

  get(groupSelectors: readonly WorkloadGroupSelector[]): MergedGroupSelector {
    let signature = '';
    for (const s of groupSelectors) {
      const source = s.source ?? '';
      signature += `${source.length}:${source}`;
      for (const [k, v] of Object.entries(s.matchLabels ?? {})) {
        signature += `${k.length}:${k}${String(v).length}:${v}`;
      }
      signature += ';';
    }
    let entry = this.bySignature.get(signature);
    if (!entry) {
      const merged = mergeWorkloadGroupSelectors(groupSelectors);
      entry = { merged, selector: this.selectors.get(merged.matchLabels) };
      this.bySignature.set(signature, entry);
    }
    return entry;
  }
}
