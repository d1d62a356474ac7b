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
