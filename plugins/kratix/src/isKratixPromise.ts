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
