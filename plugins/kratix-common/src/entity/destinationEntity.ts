import { Entity } from '@backstage/catalog-model';
import { Labels } from '../model/objects';
import {
  KRATIX_DESTINATION_LABELS_ANNOTATION,
  KRATIX_DESTINATION_NAME_ANNOTATION,
  KRATIX_STRICT_MATCH_LABELS_ANNOTATION,
} from './annotations';

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

/**
 * The Destination's labels and strictMatchLabels as the catalog module recorded them on the entity.
 *
 * @public
 */
export function destinationOfEntity(entity: Entity): {
  labels: Labels;
  strictMatchLabels: boolean;
} {
  const a = entity.metadata.annotations ?? {};
  let labels: Labels = {};
  try {
    const parsed = JSON.parse(a[KRATIX_DESTINATION_LABELS_ANNOTATION] ?? '{}');
    if (parsed && typeof parsed === 'object') labels = parsed;
  } catch {
    labels = {};
  }
  return {
    labels,
    strictMatchLabels: a[KRATIX_STRICT_MATCH_LABELS_ANNOTATION] === 'true',
  };
}
