const start = Date.now();

/** Progress on stderr, with the elapsed time of the whole run. */
export function log(message: string): void {
  const s = ((Date.now() - start) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}
