/*
 * The Backstage app and backend in development mode (`backstage-cli repo start packages/app
 * packages/backend`) on the bench ports, with `kratix.platforms` pointing at the bench
 * kubeconfig. Used only for the browser figure.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
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

export async function startApp(o: {
  appPort: number;
  backendPort: number;
  kubeconfig: string;
  logDir: string;
}): Promise<AppProcess> {
  for (const p of [o.appPort, o.backendPort]) {
    if (portBusy(p))
      throw new Error(
        `port ${p} is in use (set BENCH_APP_PORT / BENCH_BACKEND_PORT)`,
      );
  }
  const appUrl = `http://localhost:${o.appPort}`;
  const backendUrl = `http://localhost:${o.backendPort}`;
  const configFile = resolve(
    tmpdir(),
    `kratix-bench-app-config-${process.pid}.json`,
  );
  // JSON is YAML: Backstage reads it as a config file.
  writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: appUrl, listen: { host: '127.0.0.1', port: o.appPort } },
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
      'repo',
      'start',
      'packages/app',
      'packages/backend',
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
