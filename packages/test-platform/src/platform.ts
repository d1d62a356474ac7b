import {
  CustomObjectsApi,
  KubeConfig,
  CoreV1Api,
} from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The checkout root: the nearest directory above the working directory with dev/platform. */
export function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(resolve(dir, 'dev/platform/status.sh'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        'cannot find dev/platform/status.sh above the working directory',
      );
    dir = parent;
  }
  return dir;
}

let cachedKubeconfigPath: string | undefined;

/**
 * The admin kubeconfig of the running local platform, from `dev/platform/status.sh` (its only
 * stdout line is KUBECONFIG=<path>). Throws, saying how to start it, when it is not ready.
 */
export function platformKubeconfigPath(): string {
  if (cachedKubeconfigPath) return cachedKubeconfigPath;
  let out: string;
  try {
    out = execFileSync(
      'bash',
      [resolve(repoRoot(), 'dev/platform/status.sh')],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(
      `The local Kratix platform is not ready (${stderr.trim()}). Start it with: npm run platform:up`,
    );
  }
  const line = out.split('\n').find(l => l.startsWith('KUBECONFIG='));
  if (!line)
    throw new Error(`platform status printed no KUBECONFIG line: ${out}`);
  cachedKubeconfigPath = line.slice('KUBECONFIG='.length).trim();
  return cachedKubeconfigPath;
}

/** The directory holding the platform's kubeconfigs (admin, alice, admin-token). */
export function platformStateDir(): string {
  return dirname(platformKubeconfigPath());
}

/** The Kratix generations the local platform can run (dev/platform/README.md). */
export type PlatformGeneration = 'current' | 'v0.125';

/**
 * Which Kratix manager the running local platform runs, as `dev/platform/up.sh` recorded it
 * (KRATIX_GENERATION: `current` = ae170e22 by default, or `v0.125`). Tests whose expected
 * result depends on the generation branch on this.
 */
export function platformGeneration(): PlatformGeneration {
  const file = resolve(platformStateDir(), 'generation');
  const g = existsSync(file) ? readFileSync(file, 'utf8').trim() : 'v0.125';
  if (g !== 'current' && g !== 'v0.125')
    throw new Error(`unknown platform generation '${g}' in ${file}`);
  return g;
}

export function kubeConfigFromFile(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/** The admin identity (system:masters). */
export function adminKubeConfig(): KubeConfig {
  return kubeConfigFromFile(platformKubeconfigPath());
}

/** The restricted identity: user alice in group kratix-viewers (read-only on Kratix objects). */
export function restrictedKubeConfig(): KubeConfig {
  return kubeConfigFromFile(resolve(platformStateDir(), 'alice.kubeconfig'));
}

/** Bearer token and CA of an identity, for configuring the backend with url + token. */
export function tokenConnection(user: 'admin' | 'alice') {
  const file = user === 'admin' ? 'admin-token.kubeconfig' : 'alice.kubeconfig';
  const kc = kubeConfigFromFile(resolve(platformStateDir(), file));
  return {
    url: kc.getCurrentCluster()!.server,
    caData: kc.getCurrentCluster()!.caData!,
    token: kc.getCurrentUser()!.token!,
  };
}

export function customObjects(
  kc: KubeConfig = adminKubeConfig(),
): CustomObjectsApi {
  return kc.makeApiClient(CustomObjectsApi);
}

export function coreApi(kc: KubeConfig = adminKubeConfig()): CoreV1Api {
  return kc.makeApiClient(CoreV1Api);
}
