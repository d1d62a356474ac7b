/**
 * The two Kratix API generations the plugins understand. They differ in ways that change what the
 * portal shows and what a cleanup will do (docs/kratix-v0.125.0.md §9 has the full table):
 *
 * - `current`: syntasso/kratix main since mid-2025, pinned at ae170e22 (11 CRDs incl. PromiseRevision).
 * - `v0.125`: the v0.125.0 line (7 CRDs): `kratix.io/misscheduled`, no Destination/state store status,
 *   state-store paths with the Destination name appended, and a WorkPlacement whose Destination
 *   is gone can never finish deleting (#382 not fixed there).
 *
 * The backend detects the generation from the served CRDs (`promiserevisions` exists only in `current`).
 *
 * @public
 */
export type KratixGeneration = 'current' | 'v0.125';

export const KRATIX_GENERATIONS: readonly KratixGeneration[] = [
  'current',
  'v0.125',
];

/** Resource plural that exists only in the `current` generation (api/v1alpha1/promiserevision_types.go). */
export const CURRENT_GENERATION_MARKER_RESOURCE = 'promiserevisions';

/** @public */
export function detectKratixGeneration(
  servedPlurals: Iterable<string>,
): KratixGeneration {
  for (const p of servedPlurals) {
    if (p === CURRENT_GENERATION_MARKER_RESOURCE) return 'current';
  }
  return 'v0.125';
}
