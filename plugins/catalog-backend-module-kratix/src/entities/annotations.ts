/*
 * Annotation keys and types of the entities this module emits, beyond the entity contract shared
 * with the frontend (`kratix.io/promise-name`, `kratix.io/platform`, `kratix.io/destination-name`,
 * `kratix.io/destination-labels`, `kratix.io/strict-match-labels`), which is defined in
 * plugins/kratix-common/src/entity/annotations.ts.
 */

/** @public */
export const PROMISE_ENTITY_TYPE = 'kratix-promise';
/** @public */
export const DESTINATION_ENTITY_TYPE = 'kratix-destination';

/** @public */
export const ANNOTATION_PROMISE_VERSION = 'kratix.io/promise-version';
/**
 * Promise `status.status` (`Available` / `Unavailable`), `Unknown` before Kratix has written it.
 *
 * @public
 */
export const ANNOTATION_STATUS = 'kratix.io/status';
/**
 * `true` while the object has a deletionTimestamp (finalizers pending).
 *
 * @public
 */
export const ANNOTATION_DELETING = 'kratix.io/deleting';
/** @public */
export const ANNOTATION_API_KIND = 'kratix.io/api-kind';
/** @public */
export const ANNOTATION_API_GROUP = 'kratix.io/api-group';
/** @public */
export const ANNOTATION_API_VERSION = 'kratix.io/api-version';
/** @public */
export const ANNOTATION_API_PLURAL = 'kratix.io/api-plural';
/**
 * Kubernetes API path of the Promise's resource requests: `/apis/<group>/<version>/<plural>`.
 *
 * @public
 */
export const ANNOTATION_API_PATH = 'kratix.io/api-path';
/**
 * JSON of the squashed `spec.destinationSelectors` the targeting is computed from.
 *
 * @public
 */
export const ANNOTATION_DESTINATION_SELECTORS =
  'kratix.io/destination-selectors';

/**
 * `<kind>/<name>` of the Destination's state store, e.g. `GitStateStore/default`.
 *
 * @public
 */
export const ANNOTATION_STATE_STORE = 'kratix.io/state-store';
/** @public */
export const ANNOTATION_DESTINATION_PATH = 'kratix.io/destination-path';
/**
 * The Destination's Ready condition: `True`, `False` or `Unknown` (v0.125.0 writes none).
 *
 * @public
 */
export const ANNOTATION_READY = 'kratix.io/ready';
/** @public */
export const ANNOTATION_READY_REASON = 'kratix.io/ready-reason';
