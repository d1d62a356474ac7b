import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { PlatformConfig } from './platformConfig';

/**
 * Builds the client-node KubeConfig of a platform: explicit URL + CA + token, a kubeconfig file
 * (path/context), or the default chain (in-cluster when KUBERNETES_SERVICE_HOST is set, else
 * KUBECONFIG / ~/.kube/config), like Backstage's kubernetes plugin.
 *
 * @public
 */
export function kubeConfigFor(platform: PlatformConfig): KubeConfig {
  const kc = new KubeConfig();
  if (platform.source === 'url') {
    const caData =
      platform.caData ??
      (platform.caFile
        ? Buffer.from(readFileSync(platform.caFile)).toString('base64')
        : undefined);
    kc.loadFromOptions({
      clusters: [
        {
          name: platform.name,
          server: platform.url!,
          caData,
          skipTLSVerify: platform.skipTLSVerify,
        },
      ],
      users: [{ name: 'backstage', token: platform.serviceAccountToken }],
      contexts: [
        { name: platform.name, cluster: platform.name, user: 'backstage' },
      ],
      currentContext: platform.name,
    });
    return kc;
  }
  if (platform.source === 'kubeconfig') {
    if (platform.kubeconfigPath) kc.loadFromFile(platform.kubeconfigPath);
    else kc.loadFromDefault();
  } else if (process.env.KUBERNETES_SERVICE_HOST) {
    kc.loadFromCluster();
  } else {
    kc.loadFromDefault();
  }
  if (platform.kubeconfigContext)
    kc.setCurrentContext(platform.kubeconfigContext);
  if (!kc.getCurrentCluster()) {
    throw new Error(
      `kratix platform ${platform.name}: no cluster in the kubeconfig (set KUBECONFIG or kratix.platforms)`,
    );
  }
  return kc;
}

/** Where the platform's API server is, for messages (never credentials). */
export function describeServer(kc: KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? 'unknown server';
}
