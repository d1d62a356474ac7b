/*
 * The Backstage app and backend on the bench ports, with `kratix.platforms` pointing at the bench
 * kubeconfig. Used only for the browser figure.
 *  - production (default): packages/app built once with `backstage-cli package build` (rebuilt
 *    when a source of the app or a frontend package is newer than the build), served by the
 *    backend's app plugin (`app.packageName`) from the backend's own port;
 *  - development: `backstage-cli repo start packages/app packages/backend` (unminified bundle).
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface AppProcess {
  appUrl: string;
  backendUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../../..');

function portBusy(port: number): boolean {
  try {
    return (
      execFileSync('ss', ['-Hltn', `sport = :${port}`], {
        encoding: 'utf8',
      }).trim() !== ''
    );
  } catch {
    return false;
  }
}

async function waitHttp(
  url: string,
  timeoutMs: number,
  child: ChildProcess,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `Backstage exited (code ${child.exitCode}); see ${logFile}`,
      );
    const ok = await fetch(url).then(
      r => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(
        `${url} did not answer within ${timeoutMs / 1000} s; see ${logFile}`,
      );
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** Newest modification time (ms) of the files under `dir`, skipping node_modules and dist. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (
      entry.name === 'node_modules' ||
      entry.name === 'dist' ||
      entry.name === 'dist-types'
    )
      continue;
    const path = resolve(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

/** What the app bundle is built from: the app and the frontend/common packages it bundles. */
const APP_SOURCES = ['packages/app', 'plugins/kratix', 'plugins/kratix-common'];

/**
 * Builds packages/app (production bundle) unless its build is newer than every source it is built
 * from. Returns the build's duration in ms (0 when reused).
 */
export function buildAppIfStale(
  logDir: string,
  log: (m: string) => void,
): number {
  const index = resolve(ROOT, 'packages/app/dist/index.html');
  const sources = Math.max(
    ...APP_SOURCES.map(d => newestMtime(resolve(ROOT, d))),
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) {
    log(
      'reusing the production build of packages/app (newer than its sources)',
    );
    return 0;
  }
  log(
    'building packages/app for production (backstage-cli package build; minutes on 2 cores)',
  );
  mkdirSync(logDir, { recursive: true });
  const t0 = Date.now();
  const fd = openSync(resolve(logDir, 'app-build.log'), 'w');
  try {
    execFileSync(
      resolve(ROOT, 'node_modules/.bin/backstage-cli'),
      ['package', 'build'],
      {
        cwd: resolve(ROOT, 'packages/app'),
        stdio: ['ignore', fd, fd],
        env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
      },
    );
  } catch (e) {
    throw new Error(
      `building packages/app failed (${(e as Error).message}); see ${resolve(
        logDir,
        'app-build.log',
      )}`,
    );
  } finally {
    closeSync(fd);
  }
  return Date.now() - t0;
}

export async function startApp(o: {
  appPort: number;
  backendPort: number;
  kubeconfig: string;
  logDir: string;
  mode: 'production' | 'development';
}): Promise<AppProcess> {
  const production = o.mode === 'production';
  for (const p of production ? [o.backendPort] : [o.appPort, o.backendPort]) {
    if (portBusy(p))
      throw new Error(
        `port ${p} is in use (set BENCH_APP_PORT / BENCH_BACKEND_PORT)`,
      );
  }
  const backendUrl = `http://localhost:${o.backendPort}`;
  // In production the backend serves the built app itself, from the same origin.
  const appUrl = production ? backendUrl : `http://localhost:${o.appPort}`;
  const configFile = resolve(
    tmpdir(),
    `kratix-bench-app-config-${process.pid}.json`,
  );
  // JSON is YAML: Backstage reads it as a config file.
  writeFileSync(
    configFile,
    JSON.stringify({
      app: production
        ? { baseUrl: appUrl }
        : { baseUrl: appUrl, listen: { host: '127.0.0.1', port: o.appPort } },
      backend: {
        baseUrl: backendUrl,
        listen: { host: '127.0.0.1', port: o.backendPort },
        cors: { origin: appUrl },
      },
      kratix: {
        platforms: [{ name: 'bench', kubeconfig: { path: o.kubeconfig } }],
      },
    }),
  );
  mkdirSync(o.logDir, { recursive: true });
  const logFile = resolve(o.logDir, 'backstage.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(
    resolve(ROOT, 'node_modules/.bin/backstage-cli'),
    [
      ...(production
        ? ['repo', 'start', 'packages/backend']
        : ['repo', 'start', 'packages/app', 'packages/backend']),
      '--config',
      resolve(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, KUBECONFIG: o.kubeconfig, BROWSER: 'none' },
    },
  );
  closeSync(fd);
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>(r => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 15_000);
    await exited;
    clearTimeout(t);
  };
  try {
    await waitHttp(`${backendUrl}/api/kratix/health`, 600_000, child, logFile);
    await waitHttp(appUrl, 900_000, child, logFile);
  } catch (e) {
    await stop();
    throw e;
  }
  return { appUrl, backendUrl, logFile, stop };
}
