import type { WhatIfResponse } from '@kratix-backstage/plugin-kratix-common';

const listed = (names: string[], max = 5) =>
  names.length > max
    ? `${names.slice(0, max).join(', ')} and ${names.length - max} more`
    : names.join(', ');

/**
 * One line for the template's review step: Destinations gained / lost, WorkPlacements that become
 * misplaced, workflows re-run.
 */
export function whatIfSummary(r: WhatIfResponse): string {
  if (!r.changed) return 'Nothing changes: Kratix does nothing';
  const gained = [...new Set(r.promises.flatMap(p => p.destinationsGained))];
  const lost = [...new Set(r.promises.flatMap(p => p.destinationsLost))];
  const s = r.summary;
  const parts = [
    lost.length ? `Destinations lost: ${listed(lost)}` : 'no Destination lost',
    gained.length
      ? `Destinations gained: ${listed(gained)}`
      : 'no Destination gained',
    `${
      s.workPlacementsMisplaced + s.resourcesOnExcludedDestinations
    } WorkPlacement(s) become misplaced`,
    `${s.workflowsRerun} workflow run(s)`,
  ];
  return parts.join('; ');
}
