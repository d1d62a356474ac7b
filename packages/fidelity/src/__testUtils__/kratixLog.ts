/* Reading the local platform's Kratix manager log: why a predicted state came late. */
import { platformStateDir } from '@kratix-backstage/test-platform';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

function kratixLogPath(): string | undefined {
  try {
    const path = join(platformStateDir(), 'logs', 'kratix.log');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function kratixLogSize(): number {
  const path = kratixLogPath();
  return path ? statSync(path).size : 0;
}

/**
 * State-store write failures the manager logged since `offset` for objects whose name contains
 * one of `names` (the scenario's Destinations and Promise): "unable to write dependencies to state
 * store", "could not clone repository", "could not push changes"...
 */
export function stateStoreFailures(offset: number, names: string[]): string[] {
  const path = kratixLogPath();
  if (!path) return [];
  const size = statSync(path).size;
  if (size <= offset) return [];
  const buffer = Buffer.alloc(Math.min(size - offset, 64 * 1024 * 1024));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer
    .toString('utf8')
    .split('\n')
    .filter(
      line =>
        line.includes('\tERROR\t') &&
        /state store|clone|push|worktree|commit/i.test(line) &&
        names.some(n => line.includes(`"name":"${n}`)),
    )
    .map(line => line.split('\t').slice(0, 4).join(' ').slice(0, 200));
}
