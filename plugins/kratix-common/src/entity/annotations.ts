/*
 * The Kratix entity contract: annotations the catalog module
 * (plugins/catalog-backend-module-kratix) writes on the entities it emits and the frontend
 * plugin (plugins/kratix) reads. Adopters who model Promises in their own catalog files set
 * `kratix.io/promise-name` (and `kratix.io/platform` with several platforms) themselves.
 */

/**
 * Annotation that ties a catalog entity to a Kratix Promise (its metadata.name on the platform
 * cluster).
 *
 * @public
 */
export const KRATIX_PROMISE_NAME_ANNOTATION = 'kratix.io/promise-name';

/**
 * Annotation naming the Kratix platform (as configured in `kratix.platforms`) the Promise or
 * Destination lives on. Without it the first platform the backend lists is used.
 *
 * @public
 */
export const KRATIX_PLATFORM_ANNOTATION = 'kratix.io/platform';

/**
 * Annotation that ties a catalog entity to a Kratix Destination (its metadata.name on the
 * platform cluster); set by `@kratix-backstage/plugin-catalog-backend-module-kratix`.
 *
 * @public
 */
export const KRATIX_DESTINATION_NAME_ANNOTATION = 'kratix.io/destination-name';

/**
 * Annotation holding the JSON of all the Destination's labels (including any that are not valid
 * Backstage entity labels).
 *
 * @public
 */
export const KRATIX_DESTINATION_LABELS_ANNOTATION =
  'kratix.io/destination-labels';

/**
 * Annotation holding the Destination's `spec.strictMatchLabels` (`true` / `false`).
 *
 * @public
 */
export const KRATIX_STRICT_MATCH_LABELS_ANNOTATION =
  'kratix.io/strict-match-labels';
