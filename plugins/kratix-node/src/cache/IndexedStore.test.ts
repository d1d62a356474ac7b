import { IndexedStore } from './IndexedStore';

interface Item {
  id: string;
  group?: string;
}

describe('IndexedStore', () => {
  const make = () => new IndexedStore<Item>(i => i.id, { group: i => [i.group] });

  it('indexes on insert and re-indexes on update', () => {
    const s = make();
    s.replaceAll([
      { id: 'a', group: 'x' },
      { id: 'b', group: 'x' },
    ]);
    expect(s.byIndex('group', 'x').map(i => i.id)).toEqual(['a', 'b']);
    s.upsert({ id: 'a', group: 'y' });
    expect(s.byIndex('group', 'x').map(i => i.id)).toEqual(['b']);
    expect(s.byIndex('group', 'y').map(i => i.id)).toEqual(['a']);
    expect(s.indexValues('group')).toEqual(
      new Map([
        ['x', 1],
        ['y', 1],
      ]),
    );
  });

  it('removes from indexes and tells listeners', () => {
    const s = make();
    const changes: string[] = [];
    s.onChange(c => changes.push(c.type));
    s.upsert({ id: 'a', group: 'x' });
    s.remove({ id: 'a' });
    s.remove({ id: 'missing' });
    expect(s.byIndex('group', 'x')).toEqual([]);
    expect(s.countByIndex('group', 'x')).toBe(0);
    expect(s.size).toBe(0);
    expect(changes).toEqual(['upsert', 'remove']);
  });

  it('skips undefined index values', () => {
    const s = make();
    s.upsert({ id: 'a' });
    expect(s.indexValues('group').size).toBe(0);
    expect(s.get('a')).toEqual({ id: 'a' });
  });
});

describe('IndexedStore.memo', () => {
  it('reuses a derived value until the store changes', () => {
    const store = new IndexedStore<{ k: string; v: number }>(i => i.k);
    store.upsert({ k: 'a', v: 1 });
    const compute = jest.fn(() => store.all().reduce((n, i) => n + i.v, 0));
    expect(store.memo('sum', compute)).toBe(1);
    expect(store.memo('sum', compute)).toBe(1);
    expect(compute).toHaveBeenCalledTimes(1);
    store.upsert({ k: 'b', v: 2 });
    expect(store.memo('sum', compute)).toBe(3);
    store.remove({ k: 'a', v: 1 });
    expect(store.memo('sum', compute)).toBe(2);
    store.replaceAll([]);
    expect(store.memo('sum', compute)).toBe(0);
    expect(compute).toHaveBeenCalledTimes(4);
  });
});

describe('IndexedStore.revision', () => {
  it('changes on every change of the contents and only then', () => {
    const store = new IndexedStore<{ k: string }>(i => i.k);
    const r0 = store.revision;
    store.all();
    store.memo('x', () => 1);
    expect(store.revision).toBe(r0);
    store.upsert({ k: 'a' });
    const r1 = store.revision;
    expect(r1).not.toBe(r0);
    store.remove({ k: 'missing' });
    expect(store.revision).toBe(r1);
    store.remove({ k: 'a' });
    expect(store.revision).not.toBe(r1);
  });
});
