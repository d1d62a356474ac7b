import { Entity } from '@backstage/catalog-model';
import type { Labels } from '@kratix-backstage/plugin-kratix-common';

/**
 * Annotation that ties a catalog entity to a Kratix Destination (its metadata.name on the
 * platform cluster); set by `@kratix-backstage/plugin-catalog-backend-module-kratix`.
 *
 * @public
 */
export const KRATIX_DESTINATION_NAME_ANNOTATION = 'kratix.io/destination-name';

/** JSON of all the Destination's labels (the catalog module keeps invalid entity labels here). */
const DESTINATION_LABELS_ANNOTATION = 'kratix.io/destination-labels';
const STRICT_MATCH_LABELS_ANNOTATION = 'kratix.io/strict-match-labels';

/**
 * The name of the Kratix Destination an entity stands for, if any.
 *
 * @public
 */
export function getKratixDestinationName(entity: Entity): string | undefined {
  const name =
    entity.metadata.annotations?.[KRATIX_DESTINATION_NAME_ANNOTATION];
  return name ? name.trim() || undefined : undefined;
}

/**
 * True when the entity stands for a Kratix Destination.
 *
 * @public
 */
export function isKratixDestination(entity: Entity): boolean {
  return getKratixDestinationName(entity) !== undefined;
}

/** The Destination's labels and strictMatchLabels as the catalog module recorded them. */
export function destinationOfEntity(entity: Entity): {
  labels: Labels;
  strictMatchLabels: boolean;
} {
  const a = entity.metadata.annotations ?? {};
  let labels: Labels = {};
  try {
    const parsed = JSON.parse(a[DESTINATION_LABELS_ANNOTATION] ?? '{}');
    if (parsed && typeof parsed === 'object') labels = parsed;
  } catch {
    labels = {};
  }
  return {
    labels,
    strictMatchLabels: a[STRICT_MATCH_LABELS_ANNOTATION] === 'true',
  };
}
