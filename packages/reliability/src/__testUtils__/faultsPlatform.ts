import {
  KRATIX,
  customObjects,
  kubeConfigFromFile,
} from '@kratix-backstage/test-platform';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

/*
 * The `faults` control-plane instance (dev/platform, KRATIX_PLATFORM_INSTANCE=faults): its own
 * etcd + kube-apiserver with the Kratix CRDs and no Kratix manager, so a test may stop the
 * apiserver without disturbing the shared platform, and its fixtures stay exactly as written.
 */

const run = promisify(execFile);
const ENV = { ...process.env, KRATIX_PLATFORM_INSTANCE: 'faults' };

function platformDir(): string {
  let dir = process.cwd();
  while (!existsSync(resolve(dir, 'dev/platform/up.sh'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        'cannot find dev/platform/up.sh above the working directory',
      );
    dir = parent;
  }
  return resolve(dir, 'dev/platform');
}

/** Starts the instance (idempotent) and returns its admin kubeconfig path. */
export function startFaultsInstance(): string {
  const out = execFileSync('bash', [resolve(platformDir(), 'up.sh')], {
    env: ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = out.split('\n').find(l => l.startsWith('KUBECONFIG='));
  if (!line)
    throw new Error(`faults instance printed no KUBECONFIG line: ${out}`);
  return line.slice('KUBECONFIG='.length).trim();
}

/** Stops only its kube-apiserver, keeping etcd and the state (async: the backend keeps running). */
export async function stopFaultsApiserver(): Promise<void> {
  await run(
    'bash',
    [resolve(platformDir(), 'stop-component.sh'), 'apiserver'],
    { env: ENV },
  );
}

/** Starts its kube-apiserver again (up.sh keeps what runs) and waits until it is ready. */
export async function restartFaultsApiserver(): Promise<void> {
  await run('bash', [resolve(platformDir(), 'up.sh')], { env: ENV });
}

export function removeFaultsInstance(): void {
  execFileSync('bash', [resolve(platformDir(), 'down.sh')], {
    env: ENV,
    stdio: 'ignore',
  });
}

const GROUP_ID = '5058f1af8388633f609cadb75a75dc9d';
const NAMESPACE = 'kratix-platform-system';
const content = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: fixture}\n';

/** Kratix objects shaped exactly as Kratix v0.125.0 writes them (docs/kratix-v0.125.0.md §1-§2). */
export class Fixtures {
  readonly api: ReturnType<typeof customObjects>;

  constructor(kubeconfig: string) {
    this.api = customObjects(kubeConfigFromFile(kubeconfig));
  }

  async stateStore() {
    await this.api.createClusterCustomObject({
      ...KRATIX,
      plural: 'gitstatestores',
      body: {
        apiVersion: 'platform.kratix.io/v1alpha1',
        kind: 'GitStateStore',
        metadata: { name: 'local' },
        spec: {
          url: 'file:///nonexistent',
          branch: 'main',
          secretRef: { name: 'git', namespace: 'default' },
        },
      },
    });
  }

  async destination(name: string, labels: Record<string, string>) {
    await this.api.createClusterCustomObject({
      ...KRATIX,
      plural: 'destinations',
      body: {
        apiVersion: 'platform.kratix.io/v1alpha1',
        kind: 'Destination',
        metadata: { name, labels },
        spec: {
          path: 'destinations',
          stateStoreRef: { kind: 'GitStateStore', name: 'local' },
        },
      },
    });
  }

  async promise(name: string, selector: Record<string, string>) {
    await this.api.createClusterCustomObject({
      ...KRATIX,
      plural: 'promises',
      body: {
        apiVersion: 'platform.kratix.io/v1alpha1',
        kind: 'Promise',
        metadata: { name },
        spec: { destinationSelectors: [{ matchLabels: selector }] },
      },
    });
  }

  /** A static-dependency Work (`<promise>-static-deps-<5>`) selecting `selector`. */
  async work(
    promise: string,
    suffix: string,
    selector: Record<string, string>,
  ): Promise<string> {
    const name = `${promise}-static-deps-${suffix}`;
    await this.api.createNamespacedCustomObject({
      ...KRATIX,
      plural: 'works',
      namespace: NAMESPACE,
      body: {
        apiVersion: 'platform.kratix.io/v1alpha1',
        kind: 'Work',
        metadata: {
          name,
          namespace: NAMESPACE,
          labels: {
            'kratix.io/promise-name': promise,
            'kratix.io/work-type': 'static-dependency',
          },
        },
        spec: {
          promiseName: promise,
          resourceName: '',
          workloadGroups: [
            {
              id: GROUP_ID,
              directory: '.',
              destinationSelectors: [
                { matchLabels: selector, source: 'promise' },
              ],
              workloads: [
                { filepath: `static/${promise}-dependencies.yaml`, content },
              ],
            },
          ],
        },
      },
    });
    return name;
  }

  /** A WorkPlacement `<work>.<destination>-5058f` (no finalizer: no manager would remove it). */
  async workPlacement(
    promise: string,
    work: string,
    destination: string,
    misplaced: boolean,
  ): Promise<any> {
    return this.api.createNamespacedCustomObject({
      ...KRATIX,
      plural: 'workplacements',
      namespace: NAMESPACE,
      body: {
        apiVersion: 'platform.kratix.io/v1alpha1',
        kind: 'WorkPlacement',
        metadata: {
          name: `${work}.${destination}-${GROUP_ID.slice(0, 5)}`,
          namespace: NAMESPACE,
          labels: {
            'kratix.io/work': work,
            'kratix.io/workload-group-id': GROUP_ID,
            'kratix.io/pipeline-name': '',
            ...(misplaced ? { 'kratix.io/misscheduled': 'true' } : {}),
          },
        },
        spec: {
          targetDestinationName: destination,
          promiseName: promise,
          resourceName: '',
          id: GROUP_ID,
          workloads: [
            { filepath: `static/${promise}-dependencies.yaml`, content },
          ],
        },
      },
    });
  }

  async deleteWorkPlacement(name: string) {
    await this.api.deleteNamespacedCustomObject({
      ...KRATIX,
      plural: 'workplacements',
      namespace: NAMESPACE,
      name,
    });
  }

  /** Sets or removes the misplaced label (a JSON merge patch would need a content type; get+replace). */
  async setMisplaced(name: string, misplaced: boolean) {
    const wp: any = await this.api.getNamespacedCustomObject({
      ...KRATIX,
      plural: 'workplacements',
      namespace: NAMESPACE,
      name,
    });
    const labels = { ...wp.metadata.labels };
    if (misplaced) labels['kratix.io/misscheduled'] = 'true';
    else delete labels['kratix.io/misscheduled'];
    await this.api.replaceNamespacedCustomObject({
      ...KRATIX,
      plural: 'workplacements',
      namespace: NAMESPACE,
      name,
      body: { ...wp, metadata: { ...wp.metadata, labels } },
    });
  }

  /** Replaces a cluster-scoped object's labels or spec (get + replace). */
  private async modify(
    plural: string,
    name: string,
    change: (obj: any) => any,
  ) {
    const obj: any = await this.api.getClusterCustomObject({
      ...KRATIX,
      plural,
      name,
    });
    await this.api.replaceClusterCustomObject({
      ...KRATIX,
      plural,
      name,
      body: change(obj),
    });
  }

  async setPromiseSelector(name: string, selector: Record<string, string>) {
    await this.modify('promises', name, p => ({
      ...p,
      spec: { ...p.spec, destinationSelectors: [{ matchLabels: selector }] },
    }));
  }

  async relabelDestination(name: string, labels: Record<string, string>) {
    await this.modify('destinations', name, d => ({
      ...d,
      metadata: { ...d.metadata, labels },
    }));
  }

  async workPlacements(): Promise<any[]> {
    return (
      (await this.api.listClusterCustomObject({
        ...KRATIX,
        plural: 'workplacements',
      })) as any
    ).items;
  }
}

/** Runs `work` over items, `n` at a time. */
export async function inBatches<T>(
  items: readonly T[],
  n: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += n)
    await Promise.all(items.slice(i, i + n).map(work));
}
