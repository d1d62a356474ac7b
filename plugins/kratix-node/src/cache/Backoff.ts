export interface BackoffOptions {
  /** The first delay. */
  initialMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
}

/** Exponential backoff: each delay is twice the previous one, capped at `maxMs`, until reset. */
export class Backoff {
  private nextMs: number;

  constructor(private readonly options: BackoffOptions) {
    this.nextMs = options.initialMs;
  }

  /** The delay before the next attempt; doubles the one after. */
  next(): number {
    const delay = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.options.maxMs);
    return delay;
  }

  reset(): void {
    this.nextMs = this.options.initialMs;
  }
}
