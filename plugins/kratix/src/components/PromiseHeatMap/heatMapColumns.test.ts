import { matrix } from '../../__testUtils__/writeFixtures';
import {
  HEAT_MAP_MAX_COLUMNS,
  cellKey,
  groupingKeys,
  heatMap,
} from './heatMapColumns';
import { thousandDestinations } from '../../__testUtils__/thousandDestinations';

describe('heatMap', () => {
  it('draws one column per Destination while they fit', () => {
    const m = heatMap(matrix);
    expect(m.groupedBy).toBeUndefined();
    expect(m.columns.map(c => c.id)).toEqual(matrix.destinations);
    expect(m.cells.get(cellKey('redis', 'worker-prod'))).toMatchObject({
      destinations: 1,
      workPlacements: 1,
      misplaced: 1,
      targeted: 0,
    });
  });

  it('groups 1,000 Destinations by the most informative label and sums the cells', () => {
    const { matrix: big, targeting } = thousandDestinations();
    const labels = new Map(targeting.destinations.map(d => [d.name, d.labels]));
    expect(groupingKeys(big.destinations, labels)).toEqual([
      'environment',
      'region',
    ]);
    const m = heatMap(big, labels);
    expect(m.groupedBy).toBe('environment');
    expect(m.columns.map(c => c.label)).toEqual([
      'environment=dev (334)',
      'environment=prod (333)',
      'environment=test (333)',
    ]);
    expect(m.cells.get(cellKey('redis', 'environment=dev'))).toEqual({
      promise: 'redis',
      column: 'environment=dev',
      destinations: 334,
      targeted: 334,
      workPlacements: 167,
      misplaced: 0,
    });
    expect(m.cells.get(cellKey('redis', 'environment=prod'))).toMatchObject({
      targeted: 0,
      workPlacements: 48,
      misplaced: 48,
    });
    expect(m.cells.get(cellKey('redis', 'environment=test'))).toBeUndefined();
  });

  it('caps the columns: values beyond the limit go to "other"', () => {
    const { matrix: big, targeting } = thousandDestinations();
    const labels = new Map(targeting.destinations.map(d => [d.name, d.labels]));
    const m = heatMap(big, labels, 'region');
    expect(m.columns).toHaveLength(HEAT_MAP_MAX_COLUMNS);
    const other = m.columns[HEAT_MAP_MAX_COLUMNS - 1];
    expect(other.label).toBe('other region (19 values, 380)');
    expect(m.columns.reduce((s, c) => s + c.destinations.length, 0)).toBe(1000);
  });

  it('without labels, groups runs of names', () => {
    const { matrix: big } = thousandDestinations();
    const m = heatMap(big);
    expect(m.groupedByName).toBe(true);
    expect(m.columns).toHaveLength(HEAT_MAP_MAX_COLUMNS);
    expect(m.columns[0].label).toBe('d-0 … d-126 (32)');
  });
});
