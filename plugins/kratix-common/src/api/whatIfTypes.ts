/*
 * JSON shapes of the scheduling what-if API: "what would Kratix do if this Promise spec / these
 * Destination labels changed?", computed from the cache without touching any cluster
 * (engine: ../whatIf). Shared by the backend routes, the scaffolder action and the UI.
 */
import { KratixGeneration } from '../model/kratixVersion';
import { Labels, StateStoreRef } from '../model/objects';

/**
 * POST /platforms/:p/promises/:promise/preview: a proposed spec (whole, or a JSON merge patch; the backend merges).
 *
 * @public
 */
export interface WhatIfPromiseRequest {
  spec?: Record<string, unknown>;
  specPatch?: Record<string, unknown>;
}

/**
 * POST /platforms/:p/destinations/preview: proposed Destination label changes, removals and additions.
 *
 * @public
 */
export interface WhatIfDestinationsRequest {
  /** `labels` replaces the Destination's whole label map; `remove: true` deletes the Destination. */
  changes: Array<{ name: string; labels?: Labels; remove?: boolean }>;
  add?: Array<{
    name: string;
    labels: Labels;
    strictMatchLabels?: boolean;
    /** Lets the engine check the new Destination's state store. */
    stateStoreRef?: StateStoreRef;
  }>;
}

/** @public */
export type WhatIfWarningCode =
  /** A Destination that gains workloads reports Ready=False. */
  | 'destination-not-ready'
  /** A Destination that gains workloads has no state store, or its store does not exist. */
  | 'state-store-missing'
  /** A Destination that gains workloads uses a state store that reports Ready=False. */
  | 'state-store-not-ready'
  /** Two `spec.destinationSelectors` entries set one key differently: the first entry wins. */
  | 'selector-conflict'
  /** A workflow selector key is overridden by the Promise's selector (Promise wins). */
  | 'workflow-selector-overridden'
  /** A selector key or value is not valid label syntax: Kratix cannot parse the selector. */
  | 'invalid-selector-value'
  /** A proposed Destination label is not valid label syntax: the API server rejects the change. */
  | 'invalid-destination-label'
  /** A selector selects no Destination at all. */
  | 'selector-matches-nothing'
  | 'unknown-destination'
  | 'destination-exists'
  /** The number of resource requests was not given: counted from the resource Works instead. */
  | 'resource-count-estimated'
  /** The Promise is paused (current generation): nothing happens until it is un-paused. */
  | 'promise-paused'
  /** `spec.dependencies` becomes empty: the static-dependency Work, its WorkPlacements and files go. */
  | 'dependencies-removed'
  /**
   * Resource requests are pinned to another Promise version (current generation, ResourceBindings):
   * their Works keep that version's selectors.
   */
  | 'resource-requests-pinned'
  /** The Promise has two or more static-dependency Works: Kratix updates none of them. */
  | 'duplicate-static-dependency-works';

/** @public */
export interface WhatIfWarning {
  code: WhatIfWarningCode;
  message: string;
  promise?: string;
  destination?: string;
}

/**
 * When an effect happens:
 * - `immediate`: on the reconcile the change itself triggers;
 * - `after-workflow-run`: when the workflow that writes the Work re-runs (a spec change re-runs it);
 * - `next-requeue`: an unscheduled resource Work retries on its own timer (v0.125: every 15 s);
 * - `deferred`: nothing the change does triggers it; it shows on the Work's next own reconcile
 *   (v0.125: resource Works are not re-scheduled on Destination events).
 *
 * @public
 */
export type WhatIfTiming =
  | 'immediate'
  | 'after-workflow-run'
  | 'next-requeue'
  | 'deferred';

/**
 * - `static-dependency`: the Work Kratix builds from `spec.dependencies`;
 * - `promise-workflow`: output of the Promise configure workflow;
 * - `resource`: output of a resource configure workflow;
 * - `other-dependency`: a Promise-level Work without a known `kratix.io/work-type` (hand-made):
 *   Kratix never rewrites it.
 *
 * @public
 */
export type WhatIfWorkKind =
  | 'static-dependency'
  | 'promise-workflow'
  | 'resource'
  | 'other-dependency';

/** @public */
export interface WhatIfWorkRef {
  promise: string;
  namespace: string;
  name: string;
  kind: WhatIfWorkKind;
  resourceName?: string;
}

/** @public */
export interface WhatIfWorkPlacementRef {
  namespace: string;
  name: string;
  destination: string;
}

/**
 * A merged workload-group selector and, for each key, the source whose value is used.
 *
 * @public
 */
export interface WhatIfSelectorView {
  matchLabels: Labels;
  sourceOf: Record<string, string>;
}

/**
 * One distinct (selector before, selector after) pair and how its Destination set changes. Many
 * workload groups share one; groups point at it by index (`WhatIfGroupEffect.matchChange`).
 *
 * @public
 */
export interface WhatIfMatchChange {
  /** null: the group does not exist on that side (a Work created or deleted). */
  before: Labels | null;
  after: Labels | null;
  destinationsGained: string[];
  destinationsLost: string[];
  matchesBefore: number;
  matchesAfter: number;
  /**
   * All Destinations selected after the change, when some resource group will be scheduled (or
   * re-scheduled) to one random Destination among them.
   */
  candidates?: string[];
  /** Set when Kratix cannot parse the selector after the change (see `invalid-selector-value`). */
  unparseable?: boolean;
  groups: number;
  promises: string[];
}

/** @public */
export interface WhatIfGroupEffect {
  work: WhatIfWorkRef;
  groupId: string;
  directory: string;
  /** The whole Work is created or deleted by the change. */
  workChange?: 'created' | 'deleted';
  when: WhatIfTiming;
  whenReason?: string;
  /**
   * The group has selectors from workflow output (`destination-selectors.yaml`): the engine keeps
   * them as they are, but the re-run workflow may write different ones.
   */
  assumedUnchangedUntilWorkflowRuns: boolean;
  before: WhatIfSelectorView | null;
  after: WhatIfSelectorView | null;
  selectorChanged: boolean;
  /** Index into `WhatIfResponse.matchChanges`. */
  matchChange: number;
  destinationsGained: number;
  destinationsLost: number;
  /** Current generation: Kratix cannot parse the selector, so it leaves this Work's WorkPlacements alone. */
  schedulingFails?: string;
  /** Dependency Works: Destinations that get a new WorkPlacement. */
  workPlacementsCreated: string[];
  /** Dependency WorkPlacements newly labelled misplaced (kept, not deleted). */
  workPlacementsMisplaced: WhatIfWorkPlacementRef[];
  /** Misplaced dependency WorkPlacements whose Destination matches again: the label is removed. */
  workPlacementsUnmisplaced: WhatIfWorkPlacementRef[];
  /** Deleted together with their files (Work deleted, or Destination deleted with `cleanup: all`). */
  workPlacementsDeleted: WhatIfWorkPlacementRef[];
  /** Resource WorkPlacements left on a Destination the selector now excludes (they never move). */
  resourcesOnExcludedDestinations: WhatIfWorkPlacementRef[];
  /** Resource WorkPlacements deleted with their Destination: Kratix schedules the group again. */
  resourcesRescheduled: WhatIfWorkPlacementRef[];
  /** A resource group without WorkPlacement that becomes schedulable (one random candidate). */
  becomesSchedulable?: boolean;
}

/** @public */
export interface WhatIfCounts {
  /** Distinct Destinations some workload group gains / loses. */
  destinationsGained: number;
  destinationsLost: number;
  workPlacementsCreated: number;
  workPlacementsMisplaced: number;
  workPlacementsUnmisplaced: number;
  workPlacementsDeleted: number;
  resourcesOnExcludedDestinations: number;
  resourcesRescheduled: number;
  resourceGroupsBecomingSchedulable: number;
  worksCreated: number;
  worksDeleted: number;
  /** WorkPlacement effects with timing `deferred`. */
  deferred: number;
  groupsAffected: number;
  groupsAssumedUnchanged: number;
}

/** @public */
export interface WhatIfSummary extends WhatIfCounts {
  /** Promise configure workflow (if any) + one per resource request, only when the spec changes. */
  workflowsRerun: number;
}

/** @public */
export interface WhatIfWorkflowReruns {
  promiseConfigure: boolean;
  resourceRequests: number;
  /** True when the count comes from the resource Works, not from the resource requests. */
  resourceRequestsEstimated: boolean;
  total: number;
}

/** @public */
export interface WhatIfPromiseEffect {
  promise: string;
  destinationsGained: string[];
  destinationsLost: string[];
  counts: WhatIfCounts;
  /** Promise change only. */
  staticDependencies?: 'none' | 'unchanged' | 'updated' | 'created' | 'deleted';
  workflows?: WhatIfWorkflowReruns;
  /**
   * Where NEW resource requests go: one random Destination among `candidates` (the Promise's
   * squashed selector; a resource workflow may narrow it further).
   */
  newResources?: {
    selector: Labels;
    candidates: string[];
    gained: string[];
    lost: string[];
  };
}

/** @public */
export interface WhatIfDestinationEffect {
  name: string;
  change: 'relabel' | 'remove' | 'add';
  labelsBefore?: Labels;
  labelsAfter?: Labels;
  /** Workload groups that gain / lose this Destination. */
  groupsGained: number;
  groupsLost: number;
}

/** @public */
export interface WhatIfResponse {
  kind: 'promise' | 'destinations';
  generation: KratixGeneration;
  /** The Promise name, for a Promise change. */
  promise?: string;
  /** False when the proposal changes nothing Kratix acts on (then nothing re-runs). */
  changed: boolean;
  summary: WhatIfSummary;
  warnings: WhatIfWarning[];
  promises: WhatIfPromiseEffect[];
  destinations?: WhatIfDestinationEffect[];
  matchChanges: WhatIfMatchChange[];
  /** Affected workload groups, static dependencies first; at most `maxGroupDetails`. */
  groups: WhatIfGroupEffect[];
  /** Affected groups left out of `groups` (counted in the summary). */
  groupsOmitted: number;
  notes: string[];
  /** A concise human summary (scaffolder action output, UI). */
  markdown: string;
}
