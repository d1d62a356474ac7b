import { rateLimiter, runBounded } from './boundedPool';

describe('runBounded', () => {
  it('runs every item once with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const done: number[] = [];
    await runBounded(
      [1, 2, 3, 4, 5, 6, 7],
      { concurrency: 3, ratePerSecond: 1000 },
      async n => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(r => setTimeout(r, 5));
        done.push(n);
        inFlight--;
      },
    );
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(maxInFlight).toBe(3);
  });

  it('stops starting new items once aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await runBounded(
      [1, 2, 3, 4],
      { concurrency: 1, ratePerSecond: 1000, signal: controller.signal },
      async n => {
        started.push(n);
        if (n === 2) controller.abort();
      },
    );
    expect(started).toEqual([1, 2]);
  });
});

describe('rateLimiter', () => {
  afterEach(() => jest.useRealTimers());

  it('lets a burst of `rate` through at once, then one more per 1/rate seconds', async () => {
    jest.useFakeTimers({ now: 0 });
    const limit = rateLimiter(20);
    let passed = 0;
    const count = () => {
      passed++;
    };
    Array.from({ length: 25 }, () => limit().then(count));
    await jest.advanceTimersByTimeAsync(0);
    expect(passed).toBe(20);
    await jest.advanceTimersByTimeAsync(100); // 2 more tokens at 20/s
    expect(passed).toBe(22);
    await jest.advanceTimersByTimeAsync(200);
    expect(passed).toBe(25);
  });
});
