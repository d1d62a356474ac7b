import type { DestinationSelectorEntry } from '@kratix-backstage/plugin-kratix-common';

/** The selectors the field was last filled from: which Promise, and what it had then. */
export interface PrefillBaseline {
  /** `platform/promise` */
  promiseKey: string;
  entries: DestinationSelectorEntry[];
}

/**
 * What the selectors field does when it reads the chosen Promise (again):
 * - `prefill`: nothing entered yet: fill with the Promise's selectors;
 * - `prefill-other-promise`: what is entered came from another Promise (chosen again in an
 *   earlier step): fill with this one's;
 * - `follow`: the Promise changed on the platform and nothing was edited: take its new selectors;
 * - `keep`: leave what is entered (edited, or still the Promise's selectors). When the Promise
 *   changed under an edit, {@link changedUnderEdit} says so.
 */
export type PrefillAction =
  | 'prefill'
  | 'prefill-other-promise'
  | 'follow'
  | 'keep';

/** Same selectors: entry order counts (the first entry wins a key), label order does not. */
export function sameSelectors(
  a: readonly DestinationSelectorEntry[],
  b: readonly DestinationSelectorEntry[],
): boolean {
  const canonical = (entries: readonly DestinationSelectorEntry[]) =>
    JSON.stringify(
      entries.map(e =>
        Object.entries(e.matchLabels ?? {}).sort(([x], [y]) =>
          x < y ? -1 : 1,
        ),
      ),
    );
  return canonical(a) === canonical(b);
}

/** What the field holds, where it came from, and what the chosen Promise has now. */
export interface PrefillInput {
  /** What the field holds now; undefined: nothing entered or prefilled yet. */
  typed: readonly DestinationSelectorEntry[] | undefined;
  baseline: PrefillBaseline | undefined;
  /** The chosen Promise, `platform/promise`. */
  promiseKey: string;
  /** Its selectors on the platform now. */
  current: readonly DestinationSelectorEntry[];
}

export function prefillAction(input: PrefillInput): PrefillAction {
  const { typed, baseline, promiseKey, current } = input;
  if (typed === undefined) return 'prefill';
  if (!baseline) return 'keep';
  if (baseline.promiseKey !== promiseKey) return 'prefill-other-promise';
  if (sameSelectors(baseline.entries, current)) return 'keep';
  return sameSelectors(typed, baseline.entries) ? 'follow' : 'keep';
}

/** The Promise's selectors changed on the platform after the field was filled, and the field was edited. */
export function changedUnderEdit(input: PrefillInput): boolean {
  const { typed, baseline, promiseKey, current } = input;
  return (
    !!typed &&
    !!baseline &&
    baseline.promiseKey === promiseKey &&
    !sameSelectors(baseline.entries, current) &&
    !sameSelectors(typed, baseline.entries) &&
    !sameSelectors(typed, current)
  );
}
