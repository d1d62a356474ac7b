import { StringPool } from './StringPool';

describe('StringPool', () => {
  it('answers equal strings, and a copy of maps with the same entries', () => {
    const pool = new StringPool();
    expect(pool.of('kratix-platform-system')).toBe('kratix-platform-system');
    expect(pool.of('kratix-platform-system')).toBe('kratix-platform-system');
    expect(pool.size).toBe(1);
    expect(pool.maybe(undefined)).toBeUndefined();
    const labels = { env: 'dev', 'kratix.io/promise-name': 'redis' };
    const copy = pool.values(labels);
    expect(copy).toEqual(labels);
    expect(copy).not.toBe(labels);
    expect(pool.values(undefined)).toEqual({});
    expect(pool.size).toBe(3);
  });

  it('never holds more than its bound: it starts over when full', () => {
    const pool = new StringPool(3);
    for (const v of ['a', 'b', 'c', 'd', 'e']) expect(pool.of(v)).toBe(v);
    expect(pool.size).toBeLessThanOrEqual(3);
    expect(pool.of('a')).toBe('a');
  });
});
