import type {
  Labels,
  MatrixCell,
  MatrixResponse,
} from '@kratix-backstage/plugin-kratix-common';

/**
 * Up to this many Destinations the Kratix page shows the matrix as a table, one readable column
 * per Destination (about 12 columns fit the 1,144 px content box of a 1,280 px window); above
 * it, the compact heat map.
 */
export const MATRIX_TABLE_MAX_DESTINATIONS = 12;
/**
 * Columns of the heat map: up to this many Destinations get one column each; above it the
 * Destinations are grouped by a label (the values beyond this many go to one "other" column).
 */
export const HEAT_MAP_MAX_COLUMNS = 32;

export interface HeatMapColumn {
  id: string;
  label: string;
  /** The Destinations behind the column (one unless grouped). */
  destinations: string[];
}

export interface HeatMapCell {
  promise: string;
  column: string;
  /** Destinations of the column. */
  destinations: number;
  /** Of those, targeted by the Promise's own selectors. */
  targeted: number;
  workPlacements: number;
  misplaced: number;
}

export interface HeatMap {
  columns: HeatMapColumn[];
  /** The label key the Destinations are grouped by; undefined: one column per Destination. */
  groupedBy?: string;
  /** Grouped by runs of names (no labels known). */
  groupedByName: boolean;
  /** promise + '\n' + column id → cell. */
  cells: Map<string, HeatMapCell>;
}

export const cellKey = (promise: string, column: string) =>
  `${promise}\n${column}`;

/**
 * Label keys to group by, best first: those most Destinations carry, then those with at most
 * HEAT_MAP_MAX_COLUMNS values (no "other" column) and the most values within that (the most
 * detail), then by name. Keys with one value only tell nothing and come last.
 */
export function groupingKeys(
  destinations: string[],
  labelsOf: Map<string, Labels>,
): string[] {
  const values = new Map<string, Set<string>>();
  const coverage = new Map<string, number>();
  for (const d of destinations) {
    for (const [k, v] of Object.entries(labelsOf.get(d) ?? {})) {
      if (!values.has(k)) values.set(k, new Set());
      values.get(k)!.add(v);
      coverage.set(k, (coverage.get(k) ?? 0) + 1);
    }
  }
  const fits = (k: string) => values.get(k)!.size <= HEAT_MAP_MAX_COLUMNS;
  const informative = (k: string) => values.get(k)!.size > 1;
  return [...values.keys()].sort(
    (a, b) =>
      Number(informative(b)) - Number(informative(a)) ||
      coverage.get(b)! - coverage.get(a)! ||
      Number(fits(b)) - Number(fits(a)) ||
      (fits(a) ? values.get(b)!.size - values.get(a)!.size : 0) ||
      a.localeCompare(b),
  );
}

function byLabel(
  destinations: string[],
  labelsOf: Map<string, Labels>,
  key: string,
): HeatMapColumn[] {
  const groups = new Map<string, string[]>();
  for (const d of destinations) {
    const v = labelsOf.get(d)?.[key];
    const id = v === undefined ? `${key} unset` : `${key}=${v}`;
    groups.set(id, [...(groups.get(id) ?? []), d]);
  }
  let columns = [...groups.entries()]
    .map(([id, ds]) => ({
      id,
      label: `${id} (${ds.length})`,
      destinations: ds,
    }))
    .sort(
      (a, b) =>
        b.destinations.length - a.destinations.length ||
        a.id.localeCompare(b.id),
    );
  if (columns.length > HEAT_MAP_MAX_COLUMNS) {
    const rest = columns.slice(HEAT_MAP_MAX_COLUMNS - 1);
    const ds = rest.flatMap(c => c.destinations);
    columns = [
      ...columns.slice(0, HEAT_MAP_MAX_COLUMNS - 1),
      {
        id: 'other',
        label: `other ${key} (${rest.length} values, ${ds.length})`,
        destinations: ds,
      },
    ];
  }
  return columns;
}

/** Without labels: runs of Destination names in name order, at most HEAT_MAP_MAX_COLUMNS. */
function byName(destinations: string[]): HeatMapColumn[] {
  const sorted = [...destinations].sort((a, b) => a.localeCompare(b));
  const size = Math.ceil(sorted.length / HEAT_MAP_MAX_COLUMNS);
  const columns: HeatMapColumn[] = [];
  for (let i = 0; i < sorted.length; i += size) {
    const ds = sorted.slice(i, i + size);
    const label = `${ds[0]} … ${ds[ds.length - 1]} (${ds.length})`;
    columns.push({ id: `names ${i}`, label, destinations: ds });
  }
  return columns;
}

/**
 * The heat map's columns and cells: one column per Destination up to HEAT_MAP_MAX_COLUMNS,
 * else Destinations grouped by the label `groupBy` (default: the first of `groupingKeys`), or by
 * runs of names when no labels are known. Each cell sums the matrix cells of its Destinations.
 */
export function heatMap(
  matrix: Pick<MatrixResponse, 'promises' | 'destinations' | 'cells'>,
  labelsOf?: Map<string, Labels>,
  groupBy?: string,
): HeatMap {
  const { destinations } = matrix;
  let columns: HeatMapColumn[];
  let groupedBy: string | undefined;
  let groupedByName = false;
  if (destinations.length <= HEAT_MAP_MAX_COLUMNS) {
    columns = destinations.map(d => ({
      id: d,
      label: d,
      destinations: [d],
    }));
  } else {
    const key =
      labelsOf &&
      (groupBy && groupingKeys(destinations, labelsOf).includes(groupBy)
        ? groupBy
        : groupingKeys(destinations, labelsOf)[0]);
    if (key && labelsOf) {
      groupedBy = key;
      columns = byLabel(destinations, labelsOf, key);
    } else {
      groupedByName = true;
      columns = byName(destinations);
    }
  }
  const columnOf = new Map<string, string>();
  for (const c of columns)
    for (const d of c.destinations) columnOf.set(d, c.id);
  const cells = new Map<string, HeatMapCell>();
  const add = (c: MatrixCell) => {
    const column = columnOf.get(c.destination);
    if (column === undefined) return;
    const k = cellKey(c.promise, column);
    const cell = cells.get(k) ?? {
      promise: c.promise,
      column,
      destinations: columns.find(x => x.id === column)!.destinations.length,
      targeted: 0,
      workPlacements: 0,
      misplaced: 0,
    };
    if (c.targeted) cell.targeted += 1;
    cell.workPlacements += c.workPlacements;
    cell.misplaced += c.misplaced;
    cells.set(k, cell);
  };
  matrix.cells.forEach(add);
  return { columns, groupedBy, groupedByName, cells };
}
