/*
 * JSON shapes of the read API under /api/kratix (documented in plugins/kratix-backend/README.md),
 * shared by the backend that builds them and the frontend that shows them.
 */
import { KratixGeneration } from '../model/kratixVersion';
import {
  Condition,
  DestinationSelectorEntry,
  Labels,
  Readiness,
} from '../model/objects';
import { MismatchReason } from '../rules/matching';
import { SelectorConflict } from '../rules/selectors';

/**
 * Present on every read: how fresh the answer is.
 *
 * @public
 */
export interface ReadMeta {
  platform: string;
  generation: KratixGeneration;
  /** The platform is unreachable; the data is the last the cache saw (only with allowStale=true). */
  stale: boolean;
  staleSince?: string;
  staleReason?: string;
}

/** @public */
export interface PlatformSummary {
  name: string;
  generation?: KratixGeneration;
  synced: boolean;
  connected: boolean;
  error?: string;
  disconnectedSince?: string;
  counts: {
    promises: number;
    destinations: number;
    works: number;
    workPlacements: number;
    misplaced: number;
  };
}

/** @public */
export interface PlatformListResponse {
  items: PlatformSummary[];
}

/** @public */
export interface SquashedSelectorView {
  entries: DestinationSelectorEntry[];
  matchLabels: Labels;
  /** For each key: which `spec.destinationSelectors[i]` it comes from. */
  entryOf: Record<string, number>;
  conflicts: SelectorConflict[];
}

/** @public */
export interface PromiseSummary {
  name: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  deleting: boolean;
  version?: string;
  status?: string;
  api?: { group: string; kind: string; plural: string; versions: string[] };
  labels: Labels;
  annotations: Record<string, string>;
  selectors: SquashedSelectorView;
  /** Destinations the Promise's own selectors select today. */
  targetedDestinations: string[];
  works: number;
  resources: number;
  workPlacements: number;
  misplaced: number;
}

/** @public */
export interface PromiseListResponse extends ReadMeta {
  items: PromiseSummary[];
}

/** @public */
export interface PromiseResponse extends ReadMeta {
  promise: PromiseSummary;
}

/** @public */
export interface StateStoreView {
  kind: string;
  name: string;
  exists: boolean;
  ready: Readiness;
  readyMessage?: string;
  location?: string;
}

/** @public */
export interface DestinationTargeting {
  name: string;
  labels: Labels;
  strictMatchLabels: boolean;
  deleting: boolean;
  ready: Readiness;
  readyReason?: string;
  readyMessage?: string;
  stateStore?: StateStoreView;
  /** Selected by the Promise's own selectors. */
  matched: boolean;
  reasons: MismatchReason[];
  reasonTexts: string[];
  /** This Promise's WorkPlacements on the Destination. */
  workPlacements: number;
  misplaced: number;
}

/** @public */
export interface WorkloadGroupTargeting {
  work: { namespace: string; name: string };
  kind: 'dependency' | 'resource';
  resourceName: string;
  groupId: string;
  directory: string;
  matchLabels: Labels;
  /** For each key: the selector source whose value is used. */
  sourceOf: Record<string, string>;
  conflicts: SelectorConflict[];
  /** Keys set by workflow output: assumed unchanged until the workflow runs again. */
  fromWorkflow: boolean;
  /** Destinations the group's merged selector selects today. */
  matching: string[];
  /** Destinations the group has WorkPlacements on. */
  placedOn: string[];
}

/** @public */
export interface PromiseTargetingResponse extends ReadMeta {
  promise: string;
  resourceVersion: string;
  selectors: SquashedSelectorView;
  destinations: DestinationTargeting[];
  /** One page of the workload groups, ordered by Work namespace, Work name, directory. */
  workloadGroups: WorkloadGroupTargeting[];
  /** How many workload groups the Promise's Works have in all. */
  workloadGroupsTotal: number;
  workloadGroupsOffset: number;
  workloadGroupsLimit: number;
  /** What stops Kratix from scheduling this Promise as its spec says (e.g. duplicate static-dependency Works). */
  problems: string[];
}

/**
 * Which page of workload groups a targeting read returns.
 *
 * @public
 */
export interface WorkloadGroupPage {
  /** Default 0. */
  groupsOffset?: number;
  /** 1 to 1000, default 100. */
  groupsLimit?: number;
}

/** @public */
export interface WorkPlacementView {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  promiseName: string;
  workName?: string;
  workloadGroupId?: string;
  pipelineName?: string;
  resourceName: string;
  kind: 'dependency' | 'resource';
  destination: string;
  conditions: Condition[];
  versionID?: string;
  deleting: boolean;
  createdAt?: string;
  misplaced: boolean;
  misplacedLabel?: string;
  /** When it became misplaced (condition time, or when the backend saw the label appear). */
  misplacedSince?: string;
  destinationExists: boolean;
  destinationStillMatches: boolean | null;
  labelIsStale: boolean;
  reasons: MismatchReason[];
  /**
   * When a cleanup through this backend deleted an earlier WorkPlacement of this name: Kratix
   * created this one again right after (its scheduler races with the delete).
   */
  recreatedAfterCleanupAt?: string;
}

/** @public */
export interface WorkView {
  namespace: string;
  name: string;
  uid: string;
  kind: 'dependency' | 'resource';
  workType?: string;
  resourceName: string;
  pipelineName?: string;
  conditions: Condition[];
  groups: Array<{
    id: string;
    directory: string;
    matchLabels: Labels;
    sourceOf: Record<string, string>;
  }>;
  workPlacements: WorkPlacementView[];
}

/** @public */
export interface PromiseWorksResponse extends ReadMeta {
  promise: string;
  works: WorkView[];
  /** WorkPlacements of the Promise whose Work is not in the cache (e.g. Work already deleted). */
  orphanWorkPlacements: WorkPlacementView[];
}

/** @public */
export interface MisplacedListResponse extends ReadMeta {
  items: WorkPlacementView[];
  total: number;
  offset: number;
  limit: number;
}

/** @public */
export interface MatrixCell {
  promise: string;
  destination: string;
  workPlacements: number;
  misplaced: number;
  targeted: boolean;
}

/** @public */
export interface MatrixResponse extends ReadMeta {
  promises: string[];
  destinations: string[];
  /** Only cells with WorkPlacements or targeting. */
  cells: MatrixCell[];
}

/**
 * GET /platforms/:p/promises/:promise/manifest: the Promise without status and server-set metadata.
 *
 * @public
 */
export interface PromiseManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

/**
 * Filters, sorting and paging of the misplaced WorkPlacement lists (query parameters).
 *
 * @public
 */
export interface MisplacedFilters {
  promise?: string;
  destination?: string;
  namespace?: string;
  kind?: 'dependency' | 'resource';
  /** Whether the Destination still matches today. */
  stillMatches?: boolean;
  destinationExists?: boolean;
  /** `current` = kratix.io/misplaced, `legacy` = kratix.io/misscheduled. */
  label?: 'current' | 'legacy';
  /** Substring of the WorkPlacement, Work or resource name. */
  search?: string;
  sort?: 'age' | 'name';
  offset?: number;
  limit?: number;
}
