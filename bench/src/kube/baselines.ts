/*
 * The baselines the backend is compared with, on the same apiserver: the kubectl a platform
 * engineer would type (whole process time), and a direct paged LIST from Node with
 * @kubernetes/client-node (what a script or a naive backend does per request).
 */
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';

export interface KubectlRun {
  ms: number;
  stdoutBytes: number;
  stdout: string;
}

/** Runs kubectl to completion; stdout is drained (and kept when `keep`), stderr is reported on failure. */
export function kubectl(
  bin: string,
  kubeconfig: string,
  args: string[],
  keep = false,
): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, [`--kubeconfig=${kubeconfig}`, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
      if (keep) out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', code => {
      const ms = performance.now() - t0;
      if (code !== 0)
        reject(
          new Error(
            `kubectl ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`,
          ),
        );
      else
        resolve({
          ms,
          stdoutBytes: bytes,
          stdout: Buffer.concat(out).toString('utf8'),
        });
    });
  });
}

/** A paged LIST of all WorkPlacements matching a label selector (500 per page, like kubectl). */
export async function listWorkPlacements(
  kc: KubeConfig,
  labelSelector: string,
): Promise<{ ms: number; items: number }> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const t0 = performance.now();
  let items = 0;
  let token: string | undefined;
  do {
    const page: any = await api.listClusterCustomObject({
      group: 'platform.kratix.io',
      version: 'v1alpha1',
      plural: 'workplacements',
      labelSelector,
      limit: 500,
      _continue: token,
    });
    items += page.items.length;
    token = page.metadata?._continue || page.metadata?.continue || undefined;
  } while (token);
  return { ms: performance.now() - t0, items };
}
