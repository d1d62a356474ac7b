import {
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { inspect } from 'node:util';

/** One log call, with its meta rendered the way a real logger could print it (everything). */
export interface CapturedLog {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta: string;
}

/**
 * A root logger that keeps every line (any level) in memory, meta included and rendered with
 * util.inspect at full depth (a superset of what winston's JSON or pretty formats print), so a
 * test can assert that no secret is ever logged.
 */
export class CapturingLogger implements RootLoggerService {
  constructor(
    readonly lines: CapturedLog[] = [],
    private readonly fields: Record<string, unknown> = {},
  ) {}

  private log(level: CapturedLog['level'], message: string, meta?: unknown) {
    const all = meta === undefined ? this.fields : { ...this.fields, meta };
    this.lines.push({
      level,
      message: String(message),
      meta: inspect(all, {
        depth: 50,
        showHidden: true,
        getters: false,
        maxArrayLength: 1000,
        maxStringLength: Infinity,
      }),
    });
  }

  error(message: string, meta?: Error | Record<string, unknown>): void {
    this.log('error', message, meta);
  }
  warn(message: string, meta?: Error | Record<string, unknown>): void {
    this.log('warn', message, meta);
  }
  info(message: string, meta?: Error | Record<string, unknown>): void {
    this.log('info', message, meta);
  }
  debug(message: string, meta?: Error | Record<string, unknown>): void {
    this.log('debug', message, meta);
  }
  child(meta: Record<string, unknown>): LoggerService {
    return new CapturingLogger(this.lines, { ...this.fields, ...meta });
  }

  /** Everything logged so far, one string. */
  text(): string {
    return this.lines.map(l => `${l.level} ${l.message} ${l.meta}`).join('\n');
  }
}
