import { StoreChange } from './IndexedStore';

/** WorkPlacements of one Promise on one Destination. */
export interface PlacementCount {
  total: number;
  misplaced: number;
}

/** Where an item counts: its Promise, its Destination and whether it is misplaced. */
export interface PlacementOf<T> {
  promise(item: T): string;
  destination(item: T): string;
  misplaced(item: T): boolean;
}

/**
 * Counts per (Promise, Destination) — the matrix cells and a Promise's per-Destination counts —
 * kept up to date from the store's changes: an insert, removal or update costs O(1), and an update
 * that moves no count (a status write) leaves `revision` alone, so answers built from the counts
 * can be reused.
 */
export class PlacementCounts<T> {
  private readonly byPromise = new Map<string, Map<string, PlacementCount>>();
  private changes = 0;

  constructor(private readonly of: PlacementOf<T>) {}

  /** Changes only when some count changed. */
  get revision(): number {
    return this.changes;
  }

  /** Applies one change of the store; a re-list needs the store's items. */
  apply(change: StoreChange<T>, all: () => Iterable<T>): void {
    if (change.type === 'replace') {
      this.byPromise.clear();
      for (const item of all()) this.add(item, 1);
      this.changes += 1;
      return;
    }
    if (change.type === 'remove') {
      this.add(change.item, -1);
      this.changes += 1;
      return;
    }
    const { item, previous } = change;
    if (previous && this.sameCell(previous, item)) return;
    if (previous) this.add(previous, -1);
    this.add(item, 1);
    this.changes += 1;
  }

  /** Counts per Destination of one Promise (live: do not keep across changes). */
  ofPromise(promise: string): ReadonlyMap<string, PlacementCount> {
    return this.byPromise.get(promise) ?? new Map();
  }

  cell(promise: string, destination: string): PlacementCount | undefined {
    return this.byPromise.get(promise)?.get(destination);
  }

  /** Every non-empty cell. */
  *cells(): IterableIterator<{
    promise: string;
    destination: string;
    count: PlacementCount;
  }> {
    for (const [promise, row] of this.byPromise) {
      for (const [destination, count] of row)
        yield { promise, destination, count };
    }
  }

  private sameCell(a: T, b: T): boolean {
    return (
      this.of.promise(a) === this.of.promise(b) &&
      this.of.destination(a) === this.of.destination(b) &&
      this.of.misplaced(a) === this.of.misplaced(b)
    );
  }

  private add(item: T, sign: 1 | -1): void {
    const promise = this.of.promise(item);
    const destination = this.of.destination(item);
    let row = this.byPromise.get(promise);
    if (!row) this.byPromise.set(promise, (row = new Map()));
    let c = row.get(destination);
    if (!c) row.set(destination, (c = { total: 0, misplaced: 0 }));
    c.total += sign;
    if (this.of.misplaced(item)) c.misplaced += sign;
    if (c.total <= 0) row.delete(destination);
    if (row.size === 0) this.byPromise.delete(promise);
  }
}
