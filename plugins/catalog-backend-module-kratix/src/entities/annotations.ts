/*
 * Annotation keys and types of the entities this module emits. `kratix.io/promise-name` is the key
 * the Kratix frontend plugin keys its entity tab on (plugins/kratix/src/isKratixPromise.ts).
 */

export const PROMISE_ENTITY_TYPE = 'kratix-promise';
export const DESTINATION_ENTITY_TYPE = 'kratix-destination';

export const ANNOTATION_PLATFORM = 'kratix.io/platform';
export const ANNOTATION_PROMISE_NAME = 'kratix.io/promise-name';
export const ANNOTATION_PROMISE_VERSION = 'kratix.io/promise-version';
/** Promise `status.status` (`Available` / `Unavailable`), `Unknown` before Kratix has written it. */
export const ANNOTATION_STATUS = 'kratix.io/status';
/** `true` while the object has a deletionTimestamp (finalizers pending). */
export const ANNOTATION_DELETING = 'kratix.io/deleting';
export const ANNOTATION_API_KIND = 'kratix.io/api-kind';
export const ANNOTATION_API_GROUP = 'kratix.io/api-group';
export const ANNOTATION_API_VERSION = 'kratix.io/api-version';
export const ANNOTATION_API_PLURAL = 'kratix.io/api-plural';
/** Kubernetes API path of the Promise's resource requests: `/apis/<group>/<version>/<plural>`. */
export const ANNOTATION_API_PATH = 'kratix.io/api-path';
/** JSON of the squashed `spec.destinationSelectors` the targeting is computed from. */
export const ANNOTATION_DESTINATION_SELECTORS =
  'kratix.io/destination-selectors';

export const ANNOTATION_DESTINATION_NAME = 'kratix.io/destination-name';
/** JSON of all the Destination's labels (including any that are not valid Backstage labels). */
export const ANNOTATION_DESTINATION_LABELS = 'kratix.io/destination-labels';
/** `<kind>/<name>` of the Destination's state store, e.g. `GitStateStore/default`. */
export const ANNOTATION_STATE_STORE = 'kratix.io/state-store';
export const ANNOTATION_DESTINATION_PATH = 'kratix.io/destination-path';
export const ANNOTATION_STRICT_MATCH_LABELS = 'kratix.io/strict-match-labels';
/** The Destination's Ready condition: `True`, `False` or `Unknown` (v0.125.0 writes none). */
export const ANNOTATION_READY = 'kratix.io/ready';
export const ANNOTATION_READY_REASON = 'kratix.io/ready-reason';
