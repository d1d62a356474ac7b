import { Entity } from '@backstage/catalog-model';

/**
 * Annotation that ties a catalog entity to a Kratix Promise (its
 * metadata.name on the platform cluster).
 *
 * @public
 */
export const KRATIX_PROMISE_NAME_ANNOTATION = 'kratix.io/promise-name';

/**
 * Returns the name of the Kratix Promise an entity stands for, if any.
 *
 * @public
 */
export function getKratixPromiseName(entity: Entity): string | undefined {
  const name = entity.metadata.annotations?.[KRATIX_PROMISE_NAME_ANNOTATION];
  return name ? name.trim() || undefined : undefined;
}

/**
 * True when the entity carries the `kratix.io/promise-name` annotation; use it
 * as the `if`/`filter` of Kratix entity tabs and cards.
 *
 * @public
 */
export function isKratixPromise(entity: Entity): boolean {
  return getKratixPromiseName(entity) !== undefined;
}

/**
 * Annotation naming the Kratix platform (as configured in `kratix.platforms`) the Promise lives
 * on. Without it the first platform the backend lists is used.
 *
 * @public
 */
export const KRATIX_PLATFORM_ANNOTATION = 'kratix.io/platform';

/**
 * Returns the platform named by the entity's `kratix.io/platform` annotation, if any.
 *
 * @public
 */
export function getKratixPlatformName(entity: Entity): string | undefined {
  const name = entity.metadata.annotations?.[KRATIX_PLATFORM_ANNOTATION];
  return name ? name.trim() || undefined : undefined;
}
