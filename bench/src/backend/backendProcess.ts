/*
 * Starts backendChild.ts as a separate Node process and measures its cold start: from spawning the
 * process to the first 200 answer of the misplaced endpoint (which needs the whole cache synced).
 * The child runs compiled to JavaScript beforehand, as in production (compileChild.ts); with
 * BENCH_BACKEND_TS=1 it runs from the TypeScript sources under Backstage's run-time transform.
 */
import { ChildProcess, fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChildMessage } from './backendChild';
import { compileBackendChild } from './compileChild';
import { request } from './http';

/** How the backend process runs: compiled JavaScript (default) or TypeScript sources + transform. */
export const backendMode = (): 'compiled' | 'typescript' =>
  process.env.BENCH_BACKEND_TS === '1' ? 'typescript' : 'compiled';

let compiled: Promise<string> | undefined;
/** The child's entry point and the Node options it needs, compiled once per bench run. */
async function childEntry(): Promise<{ file: string; execArgv: string[] }> {
  if (backendMode() === 'typescript') {
    return {
      file: resolve(__dirname, 'backendChild.ts'),
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        '--expose-gc',
      ],
    };
  }
  compiled ??= compileBackendChild(
    resolve(__dirname, '../../../node_modules/.cache/kratix-bench'),
  );
  return { file: await compiled, execArgv: ['--expose-gc'] };
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
let clockTicks: number | undefined;
function ticksPerSecond(): number {
  clockTicks ??=
    Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return clockTicks;
}

/** CPU time (user + system, ms) of a process so far, from /proc/<pid>/stat (fields 14 and 15). */
export function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond()) * 1000;
}

export interface BackendProcess {
  port: number;
  pid: number;
  /** Spawn → 'listening' (Node start, loading the code, plugin init). */
  bootMs: number;
  /** Spawn → first 200 from the misplaced endpoint. */
  coldStartMs: number;
  /** Memory after full GC, 1 s, full GC, then `idleMs` idle (default 0). */
  memory(idleMs?: number): Promise<Extract<ChildMessage, { type: 'memory' }>>;
  /** CPU time (user + system, ms) the backend process has used so far. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: unknown;
  /** Path polled until it answers 200 (none: ready once listening). */
  readyPath?: string;
  /** The same backend without the Kratix plugins (BENCH_BACKEND_BARE). */
  bare?: boolean;
  /** Extra environment of the backend process (e.g. MALLOC_ARENA_MAX for the memory diagnosis). */
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the backend process into this directory. */
  cpuProfileDir?: string;
  timeoutMs?: number;
}

function waitMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((res, rej) => {
    const timer = setTimeout(
      () =>
        done(
          new Error(
            `backend process: no '${type}' message after ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
    const onMessage = (m: ChildMessage) => {
      if (m.type === 'error')
        done(new Error(`backend process failed: ${m.message}`));
      else if (m.type === type) done(undefined, m as any);
    };
    const onExit = (code: number | null) =>
      done(
        new Error(
          `backend process exited (code ${code}) while waiting for '${type}'`,
        ),
      );
    function done(err?: Error, m?: any) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) rej(err);
      else res(m);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startBackendProcess(
  o: StartOptions,
): Promise<BackendProcess> {
  const { file, execArgv } = await childEntry();
  if (o.cpuProfileDir) {
    mkdirSync(o.cpuProfileDir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`);
  }
  const t0 = performance.now();
  const child = fork(file, [], {
    execArgv,
    // BENCH_BACKEND_EXEC: a wrapper to run the backend under (e.g. heaptrack), bench/README.md.
    ...(process.env.BENCH_BACKEND_EXEC
      ? { execPath: process.env.BENCH_BACKEND_EXEC }
      : {}),
    env: {
      ...process.env,
      BENCH_BACKEND_CONFIG: JSON.stringify(o.config),
      BENCH_BACKEND_BARE: o.bare ? '1' : '0',
      ...(o.env ?? {}),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const timeoutMs = o.timeoutMs ?? 180_000;
  const listening = await waitMessage(child, 'listening', timeoutMs);
  const bootMs = performance.now() - t0;
  const deadline = Date.now() + timeoutMs;
  let coldStartMs: number | undefined = o.readyPath ? undefined : bootMs;
  while (coldStartMs === undefined && o.readyPath) {
    const r = await request(listening.port, 'GET', o.readyPath).catch(
      () => undefined,
    );
    if (r?.status === 200) coldStartMs = performance.now() - t0;
    else if (Date.now() > deadline)
      throw new Error(
        `backend not ready after ${timeoutMs} ms: ${r?.status} ${r?.text.slice(
          0,
          300,
        )}`,
      );
    else await new Promise(r2 => setTimeout(r2, 25));
  }
  return {
    port: listening.port,
    pid: child.pid!,
    bootMs,
    coldStartMs: coldStartMs!,
    async memory(idleMs = 0) {
      const reply = waitMessage(child, 'memory', 30_000 + idleMs);
      child.send({ type: 'memory', idleMs });
      return reply;
    },
    async cpuMs() {
      const reply = waitMessage(child, 'cpu', 30_000);
      child.send({ type: 'cpu' });
      const c = await reply;
      return (c.user + c.system) / 1000;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>(r => child.once('exit', () => r()));
      child.send({ type: 'stop' });
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}
