import { Backoff } from './Backoff';

describe('Backoff', () => {
  it('doubles each delay up to the cap, and starts over after a reset', () => {
    const backoff = new Backoff({ initialMs: 2_000, maxMs: 60_000 });
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    backoff.reset();
    expect(backoff.next()).toBe(2_000);
  });
});
