import {
  compareCodeUnits,
  KratixGeneration,
  WhatIfCounts,
  WhatIfDestinationEffect,
  WhatIfGroupEffect,
  WhatIfMatchChange,
  WhatIfPromiseEffect,
  WhatIfResponse,
  WhatIfWarning,
  WhatIfWorkKind,
} from '@kratix-backstage/plugin-kratix-common';
import { renderWhatIfMarkdown } from './markdown';
import { WhatIfOptions } from './types';

export const DEFAULT_MAX_GROUP_DETAILS = 500;

export function emptyCounts(): WhatIfCounts {
  return {
    destinationsGained: 0,
    destinationsLost: 0,
    workPlacementsCreated: 0,
    workPlacementsMisplaced: 0,
    workPlacementsUnmisplaced: 0,
    workPlacementsDeleted: 0,
    resourcesOnExcludedDestinations: 0,
    resourcesRescheduled: 0,
    resourceGroupsBecomingSchedulable: 0,
    worksCreated: 0,
    worksDeleted: 0,
    deferred: 0,
    groupsAffected: 0,
    groupsAssumedUnchanged: 0,
  };
}

/** A group effect before it is tied to its match change. */
export type GroupEffectInput = Omit<
  WhatIfGroupEffect,
  'matchChange' | 'destinationsGained' | 'destinationsLost'
>;

/** The per-group lists a group's effect starts with, filled as WorkPlacements and resources are looked at. */
export function emptyGroupLists(): Pick<
  GroupEffectInput,
  | 'workPlacementsCreated'
  | 'workPlacementsMisplaced'
  | 'workPlacementsUnmisplaced'
  | 'workPlacementsDeleted'
  | 'resourcesOnExcludedDestinations'
  | 'resourcesRescheduled'
> {
  return {
    workPlacementsCreated: [],
    workPlacementsMisplaced: [],
    workPlacementsUnmisplaced: [],
    workPlacementsDeleted: [],
    resourcesOnExcludedDestinations: [],
    resourcesRescheduled: [],
  };
}

export interface MatchChangeComputation {
  before: WhatIfMatchChange['before'];
  after: WhatIfMatchChange['after'];
  destinationsGained: string[];
  destinationsLost: string[];
  matchesBefore: number;
  matchesAfter: number;
  unparseable?: boolean;
}

interface PromiseAccumulator {
  effect: WhatIfPromiseEffect;
  gained: Set<string>;
  lost: Set<string>;
}

const compare = compareCodeUnits;

const KIND_ORDER: Record<WhatIfWorkKind, number> = {
  'static-dependency': 0,
  'promise-workflow': 1,
  'other-dependency': 2,
  resource: 3,
};

/** The order group details are answered in: kind, Promise, Work, group. */
function compareGroups(a: WhatIfGroupEffect, b: WhatIfGroupEffect): number {
  return (
    KIND_ORDER[a.work.kind] - KIND_ORDER[b.work.kind] ||
    compare(a.work.promise, b.work.promise) ||
    compare(a.work.namespace, b.work.namespace) ||
    compare(a.work.name, b.work.name) ||
    compare(a.groupId, b.groupId)
  );
}

/** Collects effects, de-duplicates match changes and warnings, and builds the response. */
export class WhatIfResultBuilder {
  private readonly matchChanges: WhatIfMatchChange[] = [];
  private readonly matchChangeIndex = new Map<string, number>();
  private readonly matchChangePromises: Array<Set<string>> = [];
  /**
   * The first group details in answer order, at most twice the answer's limit between trims: a
   * Promise with 40,000 affected groups must not keep 40,000 effects alive until the end, as
   * V8 then promotes them to the old space and keeps the grown heap's pages (bench/README.md, memory).
   */
  private groups: WhatIfGroupEffect[] = [];
  private groupsTotal = 0;
  private readonly warnings: WhatIfWarning[] = [];
  private readonly warningKeys = new Set<string>();
  private readonly promises = new Map<string, PromiseAccumulator>();
  private readonly notes: string[] = [];
  private readonly gained = new Set<string>();
  private readonly lost = new Set<string>();
  private readonly counts = emptyCounts();
  private workflowsRerun = 0;
  private destinations?: WhatIfDestinationEffect[];

  constructor(
    readonly kind: WhatIfResponse['kind'],
    readonly generation: KratixGeneration,
    private readonly options: WhatIfOptions = {},
    private readonly promiseName?: string,
  ) {}

  /** Index of the match change for this pair of selector keys, computing it the first time. */
  matchChange(pairKey: string, compute: () => MatchChangeComputation): number {
    const existing = this.matchChangeIndex.get(pairKey);
    if (existing !== undefined) return existing;
    const c = compute();
    const index = this.matchChanges.length;
    this.matchChanges.push({ ...c, groups: 0, promises: [] });
    this.matchChangePromises.push(new Set());
    this.matchChangeIndex.set(pairKey, index);
    return index;
  }

  getMatchChange(index: number): WhatIfMatchChange {
    return this.matchChanges[index];
  }

  /** Record the candidates a resource group will be scheduled among. */
  needCandidates(index: number, candidates: () => string[]) {
    const mc = this.matchChanges[index];
    if (!mc.candidates) mc.candidates = candidates();
  }

  promise(name: string): WhatIfPromiseEffect {
    let acc = this.promises.get(name);
    if (!acc) {
      acc = {
        effect: {
          promise: name,
          destinationsGained: [],
          destinationsLost: [],
          counts: emptyCounts(),
        },
        gained: new Set(),
        lost: new Set(),
      };
      this.promises.set(name, acc);
    }
    return acc.effect;
  }

  countAssumedUnchanged(promise: string) {
    this.promise(promise).counts.groupsAssumedUnchanged++;
    this.counts.groupsAssumedUnchanged++;
  }

  addWorkflowReruns(n: number) {
    this.workflowsRerun += n;
  }

  setDestinations(destinations: WhatIfDestinationEffect[]) {
    this.destinations = destinations;
  }

  /** Adds a group effect; groups with no effect at all are dropped (returns false). */
  addGroup(input: GroupEffectInput, matchChange: number): boolean {
    const mc = this.matchChanges[matchChange];
    const effect: WhatIfGroupEffect = {
      ...input,
      matchChange,
      destinationsGained: mc.destinationsGained.length,
      destinationsLost: mc.destinationsLost.length,
    };
    const affected =
      effect.selectorChanged ||
      effect.workChange !== undefined ||
      effect.becomesSchedulable === true ||
      effect.schedulingFails !== undefined ||
      effect.destinationsGained > 0 ||
      effect.destinationsLost > 0 ||
      effect.workPlacementsCreated.length > 0 ||
      effect.workPlacementsMisplaced.length > 0 ||
      effect.workPlacementsUnmisplaced.length > 0 ||
      effect.workPlacementsDeleted.length > 0 ||
      effect.resourcesOnExcludedDestinations.length > 0 ||
      effect.resourcesRescheduled.length > 0;
    if (!affected) return false;

    // Gained/lost Destinations are unioned per match change in finish(), not per group: many
    // groups share one match change.
    mc.groups++;
    this.matchChangePromises[matchChange].add(effect.work.promise);
    this.promise(effect.work.promise);
    const acc = this.promises.get(effect.work.promise)!;
    const deferred =
      effect.when === 'deferred'
        ? effect.workPlacementsMisplaced.length +
          effect.workPlacementsUnmisplaced.length +
          effect.workPlacementsCreated.length +
          effect.resourcesOnExcludedDestinations.length
        : 0;
    for (const c of [acc.effect.counts, this.counts]) {
      c.groupsAffected++;
      c.workPlacementsCreated += effect.workPlacementsCreated.length;
      c.workPlacementsMisplaced += effect.workPlacementsMisplaced.length;
      c.workPlacementsUnmisplaced += effect.workPlacementsUnmisplaced.length;
      c.workPlacementsDeleted += effect.workPlacementsDeleted.length;
      c.resourcesOnExcludedDestinations +=
        effect.resourcesOnExcludedDestinations.length;
      c.resourcesRescheduled += effect.resourcesRescheduled.length;
      if (effect.becomesSchedulable) c.resourceGroupsBecomingSchedulable++;
      if (effect.workChange === 'created') c.worksCreated++;
      if (effect.workChange === 'deleted') c.worksDeleted++;
      c.deferred += deferred;
    }
    this.groupsTotal++;
    this.groups.push(effect);
    if (this.groups.length >= 2 * Math.max(1, this.maxGroupDetails()))
      this.trimGroups();
    return true;
  }

  private maxGroupDetails(): number {
    return this.options.maxGroupDetails ?? DEFAULT_MAX_GROUP_DETAILS;
  }

  /** Keeps the first details in answer order (a stable sort: ties keep the order they came in). */
  private trimGroups() {
    this.groups = this.groups
      .sort(compareGroups)
      .slice(0, this.maxGroupDetails());
  }

  warn(warning: WhatIfWarning) {
    const key = `${warning.code}\u0000${warning.promise ?? ''}\u0000${
      warning.destination ?? ''
    }\u0000${warning.message}`;
    if (this.warningKeys.has(key)) return;
    this.warningKeys.add(key);
    this.warnings.push(warning);
  }

  note(note: string) {
    if (!this.notes.includes(note)) this.notes.push(note);
  }

  /** Destinations some group gains (for readiness warnings). */
  gainedDestinations(): ReadonlySet<string> {
    this.unionMatchChanges();
    return this.gained;
  }

  /**
   * The gained/lost Destinations of the match changes some group uses, per Promise and in total
   * (recomputed from scratch: cheap, as there are few distinct match changes).
   */
  private unionMatchChanges() {
    this.gained.clear();
    this.lost.clear();
    for (const acc of this.promises.values()) {
      acc.gained.clear();
      acc.lost.clear();
    }
    this.matchChanges.forEach((mc, i) => {
      if (mc.groups === 0) return;
      for (const promise of this.matchChangePromises[i]) {
        const acc = this.promises.get(promise)!;
        for (const d of mc.destinationsGained) acc.gained.add(d);
        for (const d of mc.destinationsLost) acc.lost.add(d);
      }
      for (const d of mc.destinationsGained) this.gained.add(d);
      for (const d of mc.destinationsLost) this.lost.add(d);
    });
  }

  finish(changed: boolean): WhatIfResponse {
    this.unionMatchChanges();
    this.trimGroups();
    this.matchChanges.forEach((mc, i) => {
      mc.promises = [...this.matchChangePromises[i]].sort();
    });
    const promises = [...this.promises.values()]
      .map(acc => {
        acc.effect.destinationsGained = [...acc.gained].sort();
        acc.effect.destinationsLost = [...acc.lost].sort();
        acc.effect.counts.destinationsGained = acc.gained.size;
        acc.effect.counts.destinationsLost = acc.lost.size;
        return acc.effect;
      })
      .sort((a, b) => compare(a.promise, b.promise));
    const response: WhatIfResponse = {
      kind: this.kind,
      generation: this.generation,
      ...(this.promiseName ? { promise: this.promiseName } : {}),
      changed,
      summary: {
        ...this.counts,
        destinationsGained: this.gained.size,
        destinationsLost: this.lost.size,
        workflowsRerun: this.workflowsRerun,
      },
      warnings: this.warnings,
      promises,
      ...(this.destinations ? { destinations: this.destinations } : {}),
      matchChanges: this.matchChanges,
      groups: this.groups,
      groupsOmitted: this.groupsTotal - this.groups.length,
      notes: this.notes,
      markdown: '',
    };
    response.markdown = renderWhatIfMarkdown(response);
    return response;
  }
}
