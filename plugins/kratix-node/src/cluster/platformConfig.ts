import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * One Kratix platform cluster the plugin talks to, as configured under `kratix.platforms`.
 *
 * @public
 */
export interface PlatformConfig {
  name: string;
  /** Where the connection comes from, for logs. */
  source: 'url' | 'kubeconfig' | 'default';
  url?: string;
  caData?: string;
  caFile?: string;
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  kubeconfigPath?: string;
  kubeconfigContext?: string;
  impersonateUser: boolean;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Reads `kratix.platforms`. Without it, one platform named `default` from the default kubeconfig
 * (in-cluster service account when running in a pod, else KUBECONFIG / ~/.kube/config).
 *
 * @public
 */
export function readPlatformConfigs(config: Config): PlatformConfig[] {
  const entries = config.getOptionalConfigArray('kratix.platforms');
  if (!entries || entries.length === 0) {
    return [
      {
        name: 'default',
        source: 'default',
        skipTLSVerify: false,
        impersonateUser: false,
      },
    ];
  }
  const seen = new Set<string>();
  return entries.map(c => {
    const name = c.getString('name');
    if (!NAME.test(name)) {
      throw new InputError(
        `kratix.platforms: name "${name}" must be lowercase letters, digits and dashes`,
      );
    }
    if (seen.has(name))
      throw new InputError(`kratix.platforms: duplicate name "${name}"`);
    seen.add(name);
    const url = c.getOptionalString('url');
    const kubeconfig = c.getOptionalConfig('kubeconfig');
    if (url && kubeconfig) {
      throw new InputError(
        `kratix.platforms[${name}]: set either url or kubeconfig, not both`,
      );
    }
    let source: PlatformConfig['source'] = 'default';
    if (url) source = 'url';
    else if (kubeconfig) source = 'kubeconfig';
    return {
      name,
      source,
      url,
      caData: c.getOptionalString('caData'),
      caFile: c.getOptionalString('caFile'),
      serviceAccountToken: c.getOptionalString('serviceAccountToken'),
      skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      kubeconfigPath: kubeconfig?.getOptionalString('path'),
      kubeconfigContext: kubeconfig?.getOptionalString('context'),
      impersonateUser: c.getOptionalBoolean('impersonateUser') ?? false,
    };
  });
}
