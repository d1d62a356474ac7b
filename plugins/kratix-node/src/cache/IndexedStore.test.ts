import { IndexedStore } from './IndexedStore';

interface Item {
  id: string;
  group?: string;
}

describe('IndexedStore', () => {
  const make = () =>
    new IndexedStore<Item>(i => i.id, { group: i => [i.group] });

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

describe('IndexedStore aspects', () => {
  interface Doc {
    id: string;
    spec: string;
    status?: string;
  }
  const make = () =>
    new IndexedStore<Doc>(d => d.id, {}, { spec: (a, b) => a.spec !== b.spec });

  it('keeps a memo over an aspect across updates that leave the aspect alone', () => {
    const s = make();
    s.replaceAll([{ id: 'a', spec: 'x' }]);
    let computed = 0;
    const specs = () =>
      s.memo(
        'specs',
        () => {
          computed += 1;
          return s.all().map(d => d.spec);
        },
        'spec',
      );
    expect(specs()).toEqual(['x']);
    const r = s.aspectRevision('spec');
    s.upsert({ id: 'a', spec: 'x', status: 'written' });
    expect(s.aspectRevision('spec')).toBe(r);
    expect(specs()).toEqual(['x']);
    expect(computed).toBe(1);
    s.upsert({ id: 'a', spec: 'y', status: 'written' });
    expect(specs()).toEqual(['y']);
    expect(computed).toBe(2);
  });

  it('drops memos over an aspect on inserts, removals and re-lists, and plain memos on every change', () => {
    const s = make();
    s.replaceAll([]);
    let aspectRuns = 0;
    let plainRuns = 0;
    const read = () => {
      s.memo('a', () => (aspectRuns += 1), 'spec');
      s.memo('p', () => (plainRuns += 1));
    };
    read();
    s.upsert({ id: 'a', spec: 'x' });
    read();
    s.upsert({ id: 'a', spec: 'x', status: 's' });
    read();
    s.remove({ id: 'a', spec: 'x' });
    read();
    s.replaceAll([{ id: 'b', spec: 'z' }]);
    read();
    expect(aspectRuns).toBe(4);
    expect(plainRuns).toBe(5);
  });

  it('refuses an unknown aspect', () => {
    expect(() => make().memo('m', () => 1, 'nope')).toThrow(/unknown aspect/);
  });
});
