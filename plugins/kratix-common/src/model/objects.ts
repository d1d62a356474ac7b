/*
 * The slim shapes the plugins keep of Kratix objects: only what targeting, misplacement and cleanup
 * need, never workload contents. The backend's watch cache builds them from the API objects
 * (plugins/kratix-backend/src/cache/slim.ts); the rules in ../rules take them as input.
 */

/** @public */
export type Labels = Record<string, string>;

/** @public */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/**
 * One entry of Promise `spec.destinationSelectors`.
 *
 * @public
 */
export interface DestinationSelectorEntry {
  matchLabels: Labels;
}

/**
 * Where a workload group selector came from (api/v1alpha1/work_types.go, `source`).
 *
 * @public
 */
export type SelectorSource =
  | 'promise'
  | 'promise-workflow'
  | 'resource-workflow';

/** @public */
export interface WorkloadGroupSelector {
  matchLabels: Labels;
  /** Kratix treats an unknown or empty source like `resource-workflow` (lowest priority). */
  source: string;
}

/** @public */
export interface ObjectMeta {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp?: string;
  /** Set when the object is being deleted (finalizers pending). */
  deletionTimestamp?: string;
  labels: Labels;
  /**
   * metadata.generation: changes with the spec only. Current Kratix re-stamps static-dependency
   * Works and their WorkPlacements (annotations) every few seconds, a new resourceVersion each
   * time, so "did this change" is judged by generation (and labels), not resourceVersion.
   */
  generation?: number;
}

/** @public */
export interface SlimPromise extends ObjectMeta {
  annotations: Record<string, string>;
  generation: number;
  destinationSelectors: DestinationSelectorEntry[];
  dependencyCount: number;
  /** Kind/group of the resource API the Promise offers, when it has one. */
  api?: { group: string; kind: string; plural: string; versions: string[] };
  /** Names of pipelines per workflow, in order. */
  workflows: {
    promiseConfigure: string[];
    resourceConfigure: string[];
  };
  status: {
    status?: string;
    version?: string;
    observedGeneration?: number;
    conditions: Condition[];
  };
}

/** @public */
export interface StateStoreRef {
  kind: string;
  name: string;
}

/** @public */
export type Readiness = 'True' | 'False' | 'Unknown';

/** @public */
export interface SlimDestination extends ObjectMeta {
  path?: string;
  stateStoreRef?: StateStoreRef;
  strictMatchLabels: boolean;
  filepathMode?: string;
  /** `spec.filepath.filename`: the aggregated file's name in mode aggregatedYAML (Kratix's default: aggregated.yaml). */
  filepathFilename?: string;
  /** `none` | `all` (current generation only). */
  cleanup?: string;
  /** The Ready condition; `Unknown` when Kratix reports none (v0.125 has no Destination status). */
  ready: Readiness;
  readyReason?: string;
  readyMessage?: string;
}

/** @public */
export interface SlimStateStore extends ObjectMeta {
  kind: 'GitStateStore' | 'BucketStateStore';
  /** Prefix inside the store under which Destination paths start. */
  path?: string;
  /** Repository URL (git) or `endpoint/bucket` (bucket), for display. */
  location: string;
  ready: Readiness;
  readyReason?: string;
  readyMessage?: string;
}

/** @public */
export interface SlimWorkloadGroup {
  id: string;
  directory: string;
  destinationSelectors: WorkloadGroupSelector[];
}

/** @public */
export type WorkType = 'static-dependency' | 'promise' | 'resource';

/** @public */
export interface SlimWork extends ObjectMeta {
  namespace: string;
  promiseName: string;
  /** Empty for Promise-level (dependency) Works. */
  resourceName: string;
  workType?: string;
  pipelineName?: string;
  workloadGroups: SlimWorkloadGroup[];
  conditions: Condition[];
}

/** @public */
export interface SlimWorkPlacement extends ObjectMeta {
  namespace: string;
  /** Label kratix.io/work: the Work in the same namespace. */
  workName?: string;
  workloadGroupId?: string;
  pipelineName?: string;
  promiseName: string;
  resourceName: string;
  targetDestinationName: string;
  /** Short id used in paths and names (first 5 hex of the group id). */
  shortId?: string;
  conditions: Condition[];
  versionID?: string;
  finalizers: string[];
}
