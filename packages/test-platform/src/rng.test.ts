import { Rng, mulberry32 } from './rng';

describe('prng', () => {
  it('is deterministic per seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every(x => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('draws integers in range and weighted keys', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const n = rng.int(2, 5);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(new Rng(1).weighted({ only: 1, never: 0 })).toBe('only');
    expect(new Rng(3).sample([1, 2, 3], 2)).toHaveLength(2);
  });
});

describe('Rng.string', () => {
  it('draws the same characters per seed, from the alphabet only', () => {
    const s = new Rng(5).string(40, 'ab');
    expect(s).toHaveLength(40);
    expect(s).toMatch(/^[ab]+$/);
    expect(new Rng(5).string(40, 'ab')).toBe(s);
  });
});
