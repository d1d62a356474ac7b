import { RecentDeletions } from './RecentDeletions';

describe('RecentDeletions', () => {
  it('tells a re-created WorkPlacement (same name, new uid) from the deleted one', () => {
    let now = Date.parse('2026-12-06T04:00:00Z');
    const d = new RecentDeletions(3_600_000, 100, () => now);
    d.record('ns', 'wp-a', 'uid-1');
    expect(d.recreatedAfter('ns', 'wp-a', 'uid-1')).toBeUndefined();
    expect(d.recreatedAfter('ns', 'wp-a', 'uid-2')).toBe(
      '2026-12-06T04:00:00.000Z',
    );
    expect(d.recreatedAfter('ns', 'wp-b', 'uid-2')).toBeUndefined();
    expect(d.recreatedAfter('other', 'wp-a', 'uid-2')).toBeUndefined();
    now += 3_600_001;
    expect(d.recreatedAfter('ns', 'wp-a', 'uid-2')).toBeUndefined();
  });

  it('keeps the latest deletion of a name, drops expired entries and stays bounded', () => {
    let now = 0;
    const d = new RecentDeletions(1000, 3, () => now);
    d.record('ns', 'a', 'u1');
    now = 500;
    d.record('ns', 'a', 'u2');
    expect(d.recreatedAfter('ns', 'a', 'u2')).toBeUndefined();
    expect(d.recreatedAfter('ns', 'a', 'u1')).toBe(new Date(500).toISOString());
    d.record('ns', 'b', 'u');
    d.record('ns', 'c', 'u');
    d.record('ns', 'd', 'u');
    expect(d.size).toBe(3);
    // The oldest ('a') went first.
    expect(d.recreatedAfter('ns', 'a', 'x')).toBeUndefined();
    now = 2000;
    d.record('ns', 'e', 'u');
    expect(d.size).toBe(1);
  });
});
