import { isDeepStrictEqual } from 'node:util';
import { IndexedStore } from './IndexedStore';
import { PlacementCounts } from './PlacementCounts';

interface Wp {
  id: string;
  promise: string;
  destination: string;
  misplaced?: boolean;
  versionID?: string;
}

/** A store with the counts fed from its changes, as PlatformCache wires them. */
function make() {
  const store = new IndexedStore<Wp>(w => w.id);
  const counts = new PlacementCounts<Wp>({
    promise: w => w.promise,
    destination: w => w.destination,
    misplaced: w => Boolean(w.misplaced),
  });
  store.onChange(c => counts.apply(c, () => store.all()));
  return { store, counts };
}

/** The counts computed from scratch: what the incremental ones must always equal. */
function recount(items: Wp[]) {
  const out = new Map<string, { total: number; misplaced: number }>();
  for (const w of items) {
    const k = `${w.promise}|${w.destination}`;
    const c = out.get(k) ?? { total: 0, misplaced: 0 };
    c.total += 1;
    if (w.misplaced) c.misplaced += 1;
    out.set(k, c);
  }
  return out;
}

const cellsOf = (counts: PlacementCounts<Wp>) =>
  new Map(
    [...counts.cells()].map(c => [
      `${c.promise}|${c.destination}`,
      { ...c.count },
    ]),
  );

describe('PlacementCounts', () => {
  it('counts per Promise and Destination after a re-list', () => {
    const { store, counts } = make();
    store.replaceAll([
      { id: 'a', promise: 'p', destination: 'd1' },
      { id: 'b', promise: 'p', destination: 'd1', misplaced: true },
      { id: 'c', promise: 'p', destination: 'd2' },
      { id: 'd', promise: 'q', destination: 'd1' },
    ]);
    expect(counts.cell('p', 'd1')).toEqual({ total: 2, misplaced: 1 });
    expect([...counts.ofPromise('p').keys()].sort()).toEqual(['d1', 'd2']);
    expect(counts.cell('q', 'd2')).toBeUndefined();
    expect(counts.ofPromise('none').size).toBe(0);
  });

  it('keeps its revision on updates that move no count (status writes)', () => {
    const { store, counts } = make();
    store.replaceAll([{ id: 'a', promise: 'p', destination: 'd1' }]);
    const r = counts.revision;
    store.upsert({ id: 'a', promise: 'p', destination: 'd1', versionID: 'v2' });
    expect(counts.revision).toBe(r);
    store.upsert({ id: 'a', promise: 'p', destination: 'd1', misplaced: true });
    expect(counts.revision).not.toBe(r);
    expect(counts.cell('p', 'd1')).toEqual({ total: 1, misplaced: 1 });
  });

  it('moves counts between cells and drops empty cells', () => {
    const { store, counts } = make();
    store.replaceAll([
      { id: 'a', promise: 'p', destination: 'd1', misplaced: true },
    ]);
    store.upsert({ id: 'a', promise: 'p', destination: 'd2' });
    expect(counts.cell('p', 'd1')).toBeUndefined();
    expect(counts.cell('p', 'd2')).toEqual({ total: 1, misplaced: 0 });
    store.remove({ id: 'a', promise: 'p', destination: 'd2' });
    expect([...counts.cells()]).toEqual([]);
  });

  it('equals a full recount after any sequence of changes', () => {
    const { store, counts } = make();
    // A deterministic pseudo-random sequence of inserts, updates (moves, status-only, label flips) and removals.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    store.replaceAll([]);
    const mismatches: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const id = `wp-${rand(50)}`;
      if (rand(5) === 0)
        store.remove(store.get(id) ?? { id, promise: '', destination: '' });
      else
        store.upsert({
          id,
          promise: `p${rand(3)}`,
          destination: `d${rand(4)}`,
          misplaced: rand(3) === 0,
          versionID: String(i),
        });
      if (!isDeepStrictEqual(cellsOf(counts), recount(store.all())))
        mismatches.push(i);
    }
    expect(mismatches).toEqual([]);
    expect(cellsOf(counts)).toEqual(recount(store.all()));
    expect(store.size).toBeGreaterThan(0);
  });
});
