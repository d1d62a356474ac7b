/*
 * The two no-check baselines of the cleanup figure, each on its own freshly seeded set: the same
 * DELETE (uid + resourceVersion preconditions and background propagation in the body) issued
 * (1) by a plain keep-alive HTTPS client, as fast as the apiserver takes them: the apiserver's own
 * ceiling; (2) through the product's Kubernetes client (KratixClusterClient on
 * @kubernetes/client-node, with its shared connection pool): what the library alone costs.
 */
import { KubeConfig } from '@kubernetes/client-node';
// The class itself (the package exports only its type): the product's own DELETE path.
import { KratixClusterClient } from '../../../plugins/kratix-node/src/cluster/KratixClusterClient';
import { KubeHttp, paths } from '../kube/kubeHttp';
import { mapPool } from '../util/pool';

export interface SeededItem {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
}

/** Plain DELETEs; returns the failed statuses (none expected). */
export async function plainDeletes(
  kube: KubeHttp,
  items: readonly SeededItem[],
  concurrency: number,
): Promise<number[]> {
  const statuses = await mapPool(items, concurrency, async it => {
    const r = await kube.request(
      'DELETE',
      `${paths.kratix('workplacements', it.namespace)}/${it.name}`,
      {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        preconditions: { uid: it.uid, resourceVersion: it.resourceVersion },
        propagationPolicy: 'Background',
      },
    );
    return r.status;
  });
  return statuses.filter(s => s >= 300);
}

/** The same DELETEs through KratixClusterClient.deleteWorkPlacement; returns the errors' names. */
export async function clientNodeDeletes(
  kubeconfigPath: string,
  items: readonly SeededItem[],
  concurrency: number,
): Promise<string[]> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const client = new KratixClusterClient('bench', kc);
  const failed: string[] = [];
  await mapPool(items, concurrency, async it => {
    try {
      await client.deleteWorkPlacement(it.namespace, it.name, {
        uid: it.uid,
        resourceVersion: it.resourceVersion,
      });
    } catch (e) {
      failed.push((e as Error).name);
    }
  });
  return failed;
}
