/*
 * The random part of a fidelity scenario: label values, Destinations, Promise selectors and
 * relabels drawn from a seeded Rng. The order of the draws is what makes a seed reproducible:
 * change it and every recorded seed means another scenario.
 */
import {
  DestinationSelectorEntry,
  Labels,
} from '@kratix-backstage/plugin-kratix-common';
import { Rng } from '@kratix-backstage/test-platform';
import type {
  PlannedDestination,
  PlannedRelabel,
  ScenarioKeys,
} from './scenario';

/** Label values: a small alphabet so that conflicts and multi-matches happen often. */
export const VALUES = {
  env: ['a', 'b'],
  tier: ['a', 'b', 'c'],
  zone: ['a', 'b'],
} as const;

export function scenarioToken(seed: number, nonce: string): string {
  return `f${(seed >>> 0).toString(36)}${nonce}`;
}

export function scenarioKeys(token: string): ScenarioKeys {
  return {
    env: `${token}-env`,
    tier: `${token}-tier`,
    zone: `${token}-zone`,
    extra: `${token}-extra`,
    gone: `${token}-gone`,
  };
}

/** JSON with object keys sorted: equal for equal label maps whatever the key order. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : value,
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function sortedLabels(labels: Labels): Labels {
  return Object.fromEntries(
    Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

export class ScenarioGenerator {
  readonly keys: ScenarioKeys;
  private readonly mainKeys: string[];
  private readonly values: Record<string, readonly string[]>;
  private counter = 0;
  readonly live = new Map<string, PlannedDestination>();
  private readonly labelHistory = new Map<string, Labels[]>();

  constructor(private readonly rng: Rng, private readonly token: string) {
    this.keys = scenarioKeys(token);
    this.mainKeys = [this.keys.env, this.keys.tier, this.keys.zone];
    this.values = {
      [this.keys.env]: VALUES.env,
      [this.keys.tier]: VALUES.tier,
      [this.keys.zone]: VALUES.zone,
      [this.keys.extra]: ['x'],
    };
  }

  private valuesOf(key: string): readonly string[] {
    return this.values[key] ?? ['x'];
  }

  randomLabels(): Labels {
    const labels: Labels = {};
    for (const k of this.mainKeys) {
      if (this.rng.chance(0.75)) labels[k] = this.rng.pick(this.valuesOf(k));
    }
    if (this.rng.chance(0.25)) labels[this.keys.extra] = 'x';
    return sortedLabels(labels);
  }

  newDestination(): PlannedDestination {
    const existing = [...this.live.values()];
    const labels =
      existing.length > 0 && this.rng.chance(0.35)
        ? { ...this.rng.pick(existing).labels }
        : this.randomLabels();
    return {
      name: `${this.token}-d${this.counter++}`,
      labels,
      strictMatchLabels: this.rng.chance(0.35),
    };
  }

  addLive(d: PlannedDestination) {
    this.live.set(d.name, { ...d, labels: { ...d.labels } });
    this.labelHistory.set(d.name, [{ ...d.labels }]);
  }

  private randomEntry(): Labels {
    const entry: Labels = {};
    for (const k of this.rng.sample(this.mainKeys, this.rng.int(1, 2))) {
      entry[k] = this.rng.pick(this.valuesOf(k));
    }
    if (this.rng.chance(0.1)) entry[this.keys.extra] = 'x';
    return entry;
  }

  selectors(): DestinationSelectorEntry[] {
    const mode = this.rng.weighted({ empty: 14, derived: 50, random: 36 });
    if (mode === 'empty')
      return this.rng.chance(0.5) ? [] : [{ matchLabels: {} }];
    const live = [...this.live.values()].filter(
      d => Object.keys(d.labels).length > 0,
    );
    let first: Labels;
    if (mode === 'derived' && live.length > 0) {
      const d = this.rng.pick(live);
      first = {};
      for (const k of this.rng.sample(
        Object.keys(d.labels),
        this.rng.int(1, 2),
      )) {
        first[k] = d.labels[k];
      }
    } else {
      first = this.randomEntry();
    }
    const entries: Labels[] = [first];
    const more = Number(this.rng.weighted({ '0': 45, '1': 35, '2': 20 }));
    for (let i = 0; i < more; i++) {
      const keys = Object.keys(first);
      if (keys.length > 0 && this.rng.chance(0.55)) {
        // A conflicting entry: same key, another value (squash: the first entry wins).
        const key = this.rng.pick(keys);
        const others = this.valuesOf(key).filter(v => v !== first[key]);
        const entry: Labels = {
          [key]: others.length ? this.rng.pick(others) : 'y',
        };
        if (this.rng.chance(0.3)) {
          const k2 = this.rng.pick(this.mainKeys);
          if (!(k2 in entry)) entry[k2] = this.rng.pick(this.valuesOf(k2));
        }
        entries.push(entry);
      } else {
        entries.push(this.randomEntry());
      }
    }
    const ordered =
      entries.length > 1 && this.rng.chance(0.3)
        ? this.rng.shuffle(entries)
        : entries;
    return ordered.map(matchLabels => ({ matchLabels }));
  }

  /** New labels for a live Destination, different from its current ones. */
  relabel(d: PlannedDestination): PlannedRelabel | undefined {
    const history = this.labelHistory.get(d.name) ?? [];
    const earlier = history.filter(
      l => !sameJson(sortedLabels(l), sortedLabels(d.labels)),
    );
    if (earlier.length > 0 && this.rng.chance(0.5)) {
      return {
        name: d.name,
        labels: { ...this.rng.pick(earlier) },
        revert: true,
      };
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      let labels: Labels;
      if (this.rng.chance(0.6)) {
        labels = { ...d.labels };
        const op = this.rng.weighted({ change: 45, drop: 25, add: 30 });
        const present = Object.keys(labels);
        const absent = [...this.mainKeys, this.keys.extra].filter(
          k => !(k in labels),
        );
        if (op === 'drop' && present.length > 0) {
          delete labels[this.rng.pick(present)];
        } else if (op === 'add' && absent.length > 0) {
          const k = this.rng.pick(absent);
          labels[k] = this.rng.pick(this.valuesOf(k));
        } else if (present.length > 0) {
          const k = this.rng.pick(present);
          const others = this.valuesOf(k).filter(v => v !== labels[k]);
          if (others.length) labels[k] = this.rng.pick(others);
          else delete labels[k];
        }
      } else {
        labels = this.randomLabels();
      }
      labels = sortedLabels(labels);
      if (!sameJson(labels, sortedLabels(d.labels)))
        return { name: d.name, labels, revert: false };
    }
    return undefined;
  }

  applyRelabel(r: PlannedRelabel) {
    const d = this.live.get(r.name)!;
    d.labels = { ...r.labels };
    this.labelHistory.get(r.name)!.push({ ...r.labels });
  }
}
