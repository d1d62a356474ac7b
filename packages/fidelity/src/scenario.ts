/*
 * Fidelity scenarios: a seed gives a plan of Destinations, a dependency Promise, an
 * optional resource Work and 1-3 changes. Plans are pure data: the runner applies them to the
 * real platform, the comparison checks Kratix against the what-if engine.
 *
 * Isolation on a shared platform: every label key is prefixed with the scenario token, so only
 * the scenario's own Destinations can match a non-empty selector. An empty selector selects every
 * non-strict Destination on the platform: those scenarios are predicted from the live picture and
 * compared on the base and scenario Destinations only.
 */
import {
  DestinationSelectorEntry,
  Labels,
  WorkloadGroupSelector,
  matchDestination,
  mergeWorkloadGroupSelectors,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import { Rng } from '@kratix-backstage/test-platform';
import {
  ScenarioGenerator,
  VALUES,
  sameJson,
  scenarioToken,
  sortedLabels,
} from './scenarioGenerator';

export { scenarioKeys, scenarioToken } from './scenarioGenerator';

export interface ScenarioKeys {
  env: string;
  tier: string;
  zone: string;
  /** A label no selector asks for in most scenarios: "extra labels" on Destinations. */
  extra: string;
  /** Put on Destinations re-created for cleanup only: no selector ever asks for it. */
  gone: string;
}

export interface PlannedDestination {
  name: string;
  labels: Labels;
  strictMatchLabels: boolean;
  /**
   * Current Kratix only: its stateStoreRef names a store that does not exist, so it reports
   * Ready=False (StateStoreNotFound) and nothing is written for it. Never deleted by a step (its
   * deletion could not finish) and never the resource Work's Destination.
   */
  storeMissing?: boolean;
  /** Current Kratix only: `spec.cleanup: all`, so deleting it deletes its WorkPlacements. */
  cleanupAll?: boolean;
}

export interface PlannedRelabel {
  name: string;
  labels: Labels;
  /** Back to labels the Destination had before (un-misplaces WorkPlacements). */
  revert: boolean;
}

export type PlannedStep =
  | { kind: 'promise'; selectors: DestinationSelectorEntry[]; revert: boolean }
  | {
      kind: 'destinations';
      /** Applied in this order: removals, relabels, additions (see runner). */
      remove: string[];
      relabel: PlannedRelabel[];
      add: PlannedDestination[];
    };

/**
 * A resource Work shaped like v0.125 pipeline output (docs/kratix-v0.125.0.md §2.3). Its merged
 * selector matches exactly ONE Destination when created, because of syntasso/kratix#486.
 */
export interface PlannedResourceWork {
  resourceName: string;
  /** The resource workflow's `destination-selectors.yaml` entry (source resource-workflow). */
  workflowSelector: Labels;
  /** The one Destination it matches. */
  destination: string;
}

export interface ScenarioPlan {
  seed: number;
  token: string;
  promise: string;
  keys: ScenarioKeys;
  destinations: PlannedDestination[];
  selectors: DestinationSelectorEntry[];
  resource?: PlannedResourceWork;
  steps: PlannedStep[];
}

/**
 * The selectors the work-creator gives a resource Work's default group: the workflow's own entry
 * (source resource-workflow), then the Promise's squashed `spec.destinationSelectors` (source
 * promise) when the Promise has any entry (v0.125.0 work-creator/pipeline/work_creator.go:94-139).
 */
export function resourceWorkSelectors(
  workflowSelector: Labels,
  promiseSelectors: readonly DestinationSelectorEntry[],
): WorkloadGroupSelector[] {
  const out: WorkloadGroupSelector[] = [
    { matchLabels: { ...workflowSelector }, source: 'resource-workflow' },
  ];
  if (promiseSelectors.length > 0) {
    out.push({
      matchLabels: squashPromiseScheduling(promiseSelectors).matchLabels,
      source: 'promise',
    });
  }
  return out;
}

/** Names of the planned Destinations a merged selector selects (v0.125 rules). */
export function plannedMatches(
  selector: Labels,
  destinations: Iterable<PlannedDestination>,
): string[] {
  const out: string[] = [];
  for (const d of destinations) {
    if (matchDestination(selector, d, { generation: 'v0.125' }).matched)
      out.push(d.name);
  }
  return out.sort();
}

export interface GenerateOptions {
  /**
   * The generation the scenario runs on. On `current`, Destinations may also have a missing state
   * store or `cleanup: all` (what only current Kratix has), drawn from a stream of their own so the
   * rest of the plan is the same on both generations.
   */
  generation?: 'current' | 'v0.125';
}

/** The plan for one scenario. `nonce` only makes names unique per run; the structure depends on the seed alone. */
export function generateScenario(
  seed: number,
  nonce: string,
  options: GenerateOptions = {},
): ScenarioPlan {
  const plan = generateBasePlan(seed, nonce);
  if (options.generation === 'current') addCurrentOnlyAttributes(plan);
  return plan;
}

/**
 * Marks some Destinations `storeMissing` or `cleanupAll`, from a random stream of their own. A
 * Destination some step deletes, or the resource Work's Destination, never gets a missing store.
 */
function addCurrentOnlyAttributes(plan: ScenarioPlan): void {
  const rng = new Rng((plan.seed ^ 0x5f3759df) >>> 0);
  const removed = new Set<string>();
  const added: PlannedDestination[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'destinations') continue;
    for (const name of step.remove) removed.add(name);
    added.push(...step.add);
  }
  for (const d of [...plan.destinations, ...added]) {
    const mayLackStore =
      !removed.has(d.name) && d.name !== plan.resource?.destination;
    if (mayLackStore && rng.chance(0.15)) d.storeMissing = true;
    else if (rng.chance(0.3)) d.cleanupAll = true;
  }
}

function generateBasePlan(seed: number, nonce: string): ScenarioPlan {
  const rng = new Rng(seed);
  const token = scenarioToken(seed, nonce);
  const g = new ScenarioGenerator(rng, token);

  const destinations: PlannedDestination[] = [];
  const count = rng.int(2, 5);
  for (let i = 0; i < count; i++) {
    const d = g.newDestination();
    destinations.push(d);
    g.addLive(d);
  }
  const selectors = g.selectors();

  // An optional resource Work matching exactly one Destination (syntasso/kratix#486).
  let resource: PlannedResourceWork | undefined;
  if (rng.chance(0.5)) {
    const squashed = squashPromiseScheduling(selectors).matchLabels;
    const candidates = [...g.live.values()].filter(
      d =>
        Object.keys(d.labels).length > 0 &&
        (Object.keys(squashed).length === 0 ||
          matchDestination(squashed, d, { generation: 'v0.125' }).matched),
    );
    for (
      let attempt = 0;
      attempt < 20 && candidates.length > 0 && !resource;
      attempt++
    ) {
      const d = rng.pick(candidates);
      const wf: Labels = {};
      const keys = Object.keys(d.labels);
      for (const k of rng.sample(keys, rng.int(1, keys.length)))
        wf[k] = d.labels[k];
      const promiseKeys = Object.keys(squashed);
      if (promiseKeys.length > 0 && rng.chance(0.45)) {
        // Precedence: the workflow asks for another value; the Promise's value wins.
        const k = rng.pick(promiseKeys);
        const others = (VALUES as Record<string, readonly string[]>)[
          k.slice(token.length + 1)
        ] ?? ['x'];
        const alt = others.filter(v => v !== squashed[k]);
        wf[k] = alt.length ? rng.pick(alt) : 'y';
      }
      const merged = mergeWorkloadGroupSelectors(
        resourceWorkSelectors(wf, selectors),
      ).matchLabels;
      const matches = plannedMatches(merged, g.live.values());
      if (matches.length === 1 && matches[0] === d.name) {
        resource = {
          resourceName: 'res',
          workflowSelector: sortedLabels(wf),
          destination: d.name,
        };
      }
    }
  }

  const steps: PlannedStep[] = [];
  const selectorHistory: DestinationSelectorEntry[][] = [selectors];
  let current = selectors;
  const stepCount = Number(rng.weighted({ '1': 25, '2': 40, '3': 35 }));
  // Targets that make a change visible: Destinations the Promise (or the resource Work) selects.
  const interesting = (): PlannedDestination[] => {
    const squashed = squashPromiseScheduling(current).matchLabels;
    const matched = [...g.live.values()].filter(
      d => matchDestination(squashed, d, { generation: 'v0.125' }).matched,
    );
    const res = resource && g.live.get(resource.destination);
    return res && rng.chance(0.4) ? [res] : matched;
  };
  const pickTarget = (
    exclude: readonly string[] = [],
  ): PlannedDestination | undefined => {
    const preferred = interesting().filter(d => !exclude.includes(d.name));
    const any = [...g.live.values()].filter(d => !exclude.includes(d.name));
    if (preferred.length > 0 && rng.chance(0.7)) return rng.pick(preferred);
    return any.length ? rng.pick(any) : undefined;
  };
  for (let i = 0; i < stepCount; i++) {
    let kind = rng.weighted({
      promise: 34,
      relabel: 30,
      add: 14,
      remove: 12,
      mixed: 10,
    });
    if (
      (kind === 'remove' || kind === 'relabel' || kind === 'mixed') &&
      g.live.size === 0
    ) {
      kind = 'add';
    }
    if (kind === 'promise') {
      const now = current;
      const earlier = selectorHistory.filter(s => !sameJson(s, now));
      let next: DestinationSelectorEntry[] | undefined;
      let revert = false;
      if (earlier.length > 0 && rng.chance(0.45)) {
        next = rng.pick(earlier);
        revert = true;
      } else {
        for (let attempt = 0; attempt < 6 && !next; attempt++) {
          const candidate = g.selectors();
          if (!sameJson(candidate, current)) next = candidate;
        }
      }
      if (next) {
        steps.push({ kind: 'promise', selectors: next, revert });
        selectorHistory.push(next);
        current = next;
        continue;
      }
      kind = 'add';
    }
    const remove: string[] = [];
    const relabel: PlannedRelabel[] = [];
    const add: PlannedDestination[] = [];
    const live = [...g.live.values()];
    if (
      kind === 'remove' ||
      (kind === 'mixed' && live.length > 1 && rng.chance(0.5))
    ) {
      remove.push(pickTarget()!.name);
    }
    if (kind === 'relabel' || kind === 'mixed') {
      const n = kind === 'mixed' ? 1 : rng.int(1, 2);
      const chosen: string[] = [...remove];
      for (let j = 0; j < n; j++) {
        const d = pickTarget(chosen);
        if (!d) break;
        chosen.push(d.name);
        const r = g.relabel(d);
        if (r) relabel.push(r);
      }
    }
    if (kind === 'add' || kind === 'mixed') {
      const n = kind === 'mixed' ? 1 : rng.int(1, 2);
      for (let j = 0; j < n; j++) add.push(g.newDestination());
    }
    if (remove.length + relabel.length + add.length === 0)
      add.push(g.newDestination());
    for (const name of remove) g.live.delete(name);
    for (const r of relabel) g.applyRelabel(r);
    for (const d of add) g.addLive(d);
    steps.push({ kind: 'destinations', remove, relabel, add });
  }

  return {
    seed,
    token,
    promise: token,
    keys: g.keys,
    destinations,
    selectors,
    resource,
    steps,
  };
}

/** One line per step, for logs and failure messages. */
export function describePlan(plan: ScenarioPlan): string {
  const sel = (s: DestinationSelectorEntry[]) =>
    JSON.stringify(s.map(e => e.matchLabels));
  const short = (l: Labels) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(l).map(([k, v]) => [k.slice(plan.token.length + 1), v]),
      ),
    );
  const lines = [
    `seed ${plan.seed} (${plan.token}): Destinations ${plan.destinations
      .map(d => `${d.name}${short(d.labels)}${attributes(d)}`)
      .join(', ')}`,
    `  Promise selectors ${sel(plan.selectors)}`,
  ];
  if (plan.resource) {
    lines.push(
      `  resource Work selector ${short(plan.resource.workflowSelector)} -> ${
        plan.resource.destination
      }`,
    );
  }
  plan.steps.forEach((s, i) => {
    if (s.kind === 'promise') {
      lines.push(
        `  step ${i + 1}: Promise selectors -> ${sel(s.selectors)}${
          s.revert ? ' (revert)' : ''
        }`,
      );
    } else {
      const parts = [
        ...s.remove.map(n => `delete ${n}`),
        ...s.relabel.map(
          r =>
            `relabel ${r.name} -> ${short(r.labels)}${
              r.revert ? ' (revert)' : ''
            }`,
        ),
        ...s.add.map(d => `add ${d.name}${short(d.labels)}${attributes(d)}`),
      ];
      lines.push(`  step ${i + 1}: ${parts.join('; ')}`);
    }
  });
  return lines.join('\n');
}

/** " strict", " no-store", " cleanup:all" as they apply. */
export function attributes(d: PlannedDestination): string {
  return `${d.strictMatchLabels ? ' strict' : ''}${
    d.storeMissing ? ' no-store' : ''
  }${d.cleanupAll ? ' cleanup:all' : ''}`;
}
