import { LoggerService } from '@backstage/backend-plugin-api';

type Reachability = 'unknown' | 'reachable' | 'unreachable';

/**
 * Logs a platform's reachability once per change: a warning when it becomes unreachable, a line
 * when it is reachable again (with the outage's length). Repeated failures log at debug level.
 */
export class ReachabilityLog {
  private state: Reachability = 'unknown';
  private unreachableSince = 0;

  constructor(
    private readonly logger: LoggerService,
    private readonly platform: string,
    private readonly now: () => number = Date.now,
  ) {}

  reachable(): void {
    if (this.state === 'unreachable') {
      const seconds = Math.round((this.now() - this.unreachableSince) / 1000);
      this.logger.info(
        `kratix platform ${this.platform}: reachable again after ${seconds} s`,
      );
    }
    this.state = 'reachable';
  }

  unreachable(reason: string): void {
    if (this.state === 'unreachable') {
      this.logger.debug(
        `kratix platform ${this.platform}: still unreachable: ${reason}`,
      );
      return;
    }
    this.state = 'unreachable';
    this.unreachableSince = this.now();
    this.logger.warn(
      `kratix platform ${this.platform}: unreachable: ${reason}; retrying with backoff, logging again when it is back`,
    );
  }
}
