import type {
  DestinationTargeting,
  MatrixCell,
  MatrixResponse,
} from '@kratix-backstage/plugin-kratix-common';
import { meta, targeting } from './fixtures';

export const ENVIRONMENTS = ['dev', 'prod', 'test'];

/**
 * A platform with 1,000 Destinations `d-0` … `d-999` labelled environment (3 values) and region
 * (50 values), and Promises placed on every second Destination of their environment: `redis`
 * targets dev and has one misplaced WorkPlacement on each prod Destination divisible by 7.
 */
export function thousandDestinations(
  promises = ['redis', 'postgres', 'kafka'],
) {
  const destinations = Array.from({ length: 1000 }, (_, i) => `d-${i}`);
  const labelsOf = (i: number) => ({
    environment: ENVIRONMENTS[i % 3],
    region: `r${i % 50}`,
  });
  const cells: MatrixCell[] = [];
  promises.forEach((promise, p) => {
    destinations.forEach((destination, i) => {
      const env = ENVIRONMENTS[i % 3];
      const targeted = env === ENVIRONMENTS[p % 3];
      const misplaced = promise === 'redis' && env === 'prod' && i % 7 === 0;
      if (!targeted && !misplaced) return;
      cells.push({
        promise,
        destination,
        targeted,
        workPlacements: misplaced || i % 2 === 0 ? 1 : 0,
        misplaced: misplaced ? 1 : 0,
      });
    });
  });
  const matrix: MatrixResponse = {
    ...meta,
    platform: 'default',
    promises,
    destinations,
    cells,
  };
  const targetingOfAll = {
    ...targeting,
    destinations: destinations.map(
      (name, i): DestinationTargeting => ({
        ...targeting.destinations[0],
        name,
        labels: labelsOf(i),
      }),
    ),
  };
  return { matrix, targeting: targetingOfAll };
}
