import {
  DestinationSelectorEntry,
  KratixGeneration,
  SlimDestination,
  SlimPromise,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-common';

/**
 * The platform as the cache sees it. The backend can pass its whole cache: Works and
 * WorkPlacements of every Promise (a Promise what-if picks its own by `promiseName`; a Destination
 * what-if looks at all of them).
 *
 * @public
 */
export interface WhatIfPicture {
  generation: KratixGeneration;
  promises: readonly SlimPromise[];
  destinations: readonly SlimDestination[];
  works: readonly SlimWork[];
  workPlacements: readonly SlimWorkPlacement[];
  /**
   * The WorkPlacements of one Work (label kratix.io/work, in the Work's namespace), when the caller
   * keeps them indexed. A Promise what-if then looks them up instead of indexing
   * `workPlacements` again on every call. Missing: the engine indexes `workPlacements`.
   */
  workPlacementsOfWork?: (
    namespace: string,
    workName: string,
  ) => readonly SlimWorkPlacement[];
  stateStores: readonly SlimStateStore[];
  /**
   * Resource requests per Promise name. When a Promise is missing here, the engine counts the
   * distinct resources of its resource Works instead and warns (`resource-count-estimated`).
   */
  resourceRequests?: Readonly<Record<string, number>>;
  /**
   * Per Promise name: its resource requests pinned to another version than the one a change
   * rewrites, as `namespace/name` → that version (current generation: a ResourceBinding whose
   * `spec.version` is neither `latest` nor the Promise's own `kratix.io/promise-version`). Their
   * workflows re-run with that version's spec, so their Works keep its selectors. Missing: none.
   */
  pinnedResources?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * The parts of a proposed Promise spec the engine needs (build it with proposedPromiseFromSpec
 * from the merged spec).
 *
 * @public
 */
export interface ProposedPromiseSpec {
  destinationSelectors: DestinationSelectorEntry[];
  /** Number of `spec.dependencies` entries; 0 deletes the static-dependency Work. */
  dependencyCount: number;
  /**
   * Whether `spec.dependencies` differs from the current one. Unknown (undefined): only a change
   * of `dependencyCount` counts as a change.
   */
  dependenciesChanged?: boolean;
  /**
   * Whether the spec differs at all from the current one (any field: a spec change bumps the
   * generation and re-runs the workflows). Unknown (undefined): derived from the selectors, the
   * dependencies and the Promise configure pipelines only.
   */
  specChanged?: boolean;
  /** Pipeline names of `workflows.promise.configure` in the proposed spec; default: the current ones. */
  promiseConfigure?: string[];
}

/** @public */
export interface WhatIfOptions {
  /** At most this many workload-group details in the response (default 500); all are counted. */
  maxGroupDetails?: number;
}
