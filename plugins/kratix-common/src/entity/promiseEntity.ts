import { Entity } from '@backstage/catalog-model';
import {
  KRATIX_PLATFORM_ANNOTATION,
  KRATIX_PROMISE_NAME_ANNOTATION,
} from './annotations';

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
 * Returns the platform named by the entity's `kratix.io/platform` annotation, if any.
 *
 * @public
 */
export function getKratixPlatformName(entity: Entity): string | undefined {
  const name = entity.metadata.annotations?.[KRATIX_PLATFORM_ANNOTATION];
  return name ? name.trim() || undefined : undefined;
}
