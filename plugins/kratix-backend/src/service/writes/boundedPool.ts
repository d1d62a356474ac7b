/**
 * Runs `work` for every item with at most `concurrency` in flight, and (when given) at most
 * `ratePerSecond` starts per second (token bucket).
 */
export async function runBounded<T>(
  items: readonly T[],
  options: {
    concurrency: number;
    ratePerSecond?: number;
    signal?: AbortSignal;
  },
  work: (item: T) => Promise<void>,
): Promise<void> {
  const limiter =
    options.ratePerSecond === undefined
      ? undefined
      : rateLimiter(options.ratePerSecond);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !options.signal?.aborted) {
      const item = items[next++];
      if (limiter) await limiter();
      await work(item);
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.max(1, Math.min(options.concurrency, items.length)) },
      worker,
    ),
  );
}

/** A token bucket: each call waits until a token is available (burst = rate). */
export function rateLimiter(ratePerSecond: number): () => Promise<void> {
  const capacity = Math.max(1, ratePerSecond);
  let tokens = capacity;
  let last = Date.now();
  let queue = Promise.resolve();
  const refill = () => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - last) / 1000) * ratePerSecond);
    last = now;
  };
  const take = async (): Promise<void> => {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return;
    }
    await new Promise(r =>
      setTimeout(r, Math.ceil(((1 - tokens) / ratePerSecond) * 1000)),
    );
    await take();
  };
  return () => {
    queue = queue.then(take);
    return queue;
  };
}
