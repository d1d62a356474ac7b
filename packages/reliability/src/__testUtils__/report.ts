import { writeSync } from 'node:fs';

/**
 * One summary line per reliability category, e.g.
 * `[reliability] permission matrix: tried 32, passed 32`. Written synchronously to the process's
 * stdout (file descriptor 1, not through console, which jest decorates and buffers), so CI logs
 * show exactly one line per category even when jest exits right after.
 */
export function reportCategory(
  category: string,
  tried: number,
  passed: number,
  extra?: string,
): void {
  writeSync(
    1,
    `[reliability] ${category}: tried ${tried}, passed ${passed}${
      extra ? ` (${extra})` : ''
    }\n`,
  );
}

/** A detail line (e.g. measured times) next to the summary lines. */
export function reportDetail(text: string): void {
  writeSync(1, `[reliability] ${text}\n`);
}

/** Collects named checks and their failures, so one test can report how many of N passed. */
export class Tally {
  tried = 0;
  passed = 0;
  readonly failures: string[] = [];

  check(name: string, ok: boolean, detail?: string): boolean {
    this.tried += 1;
    if (ok) this.passed += 1;
    else this.failures.push(`${name}${detail ? `: ${detail}` : ''}`);
    return ok;
  }
}
