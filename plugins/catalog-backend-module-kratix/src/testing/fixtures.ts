import { LoggerService } from '@backstage/backend-plugin-api';
import { KratixClusterClient } from '@kratix-backstage/plugin-kratix-node';
import {
  PlatformCache,
  slimDestination,
  slimPromise,
} from '@kratix-backstage/plugin-kratix-node/testUtils';

/** A Promise API object (as the apiserver returns it) turned into the cache's slim shape. */
export function aPromise(
  name: string,
  selectors: Array<Record<string, string>>,
  extra: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    api?: { group: string; kind: string; plural: string; versions: string[] };
    status?: Record<string, unknown>;
    resourceVersion?: string;
    deletionTimestamp?: string;
  } = {},
) {
  return slimPromise({
    apiVersion: 'platform.kratix.io/v1alpha1',
    kind: 'Promise',
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: extra.resourceVersion ?? '1',
      generation: 1,
      labels: extra.labels,
      annotations: extra.annotations,
      deletionTimestamp: extra.deletionTimestamp,
    },
    spec: {
      destinationSelectors: selectors.map(matchLabels => ({ matchLabels })),
      dependencies: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: `${name}-ns` },
        },
      ],
      api: extra.api
        ? {
            apiVersion: 'apiextensions.k8s.io/v1',
            kind: 'CustomResourceDefinition',
            metadata: { name: `${extra.api.plural}.${extra.api.group}` },
            spec: {
              group: extra.api.group,
              names: { kind: extra.api.kind, plural: extra.api.plural },
              scope: 'Namespaced',
              versions: extra.api.versions.map(v => ({
                name: v,
                served: true,
                storage: true,
              })),
            },
          }
        : undefined,
    },
    status: extra.status,
  });
}

/** A Destination API object turned into the cache's slim shape. */
export function aDestination(
  name: string,
  labels: Record<string, string>,
  extra: {
    resourceVersion?: string;
    strictMatchLabels?: boolean;
    deletionTimestamp?: string;
  } = {},
) {
  return slimDestination({
    apiVersion: 'platform.kratix.io/v1alpha1',
    kind: 'Destination',
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: extra.resourceVersion ?? '1',
      labels,
      deletionTimestamp: extra.deletionTimestamp,
    },
    spec: {
      path: 'destinations',
      stateStoreRef: { kind: 'GitStateStore', name: 'default' },
      strictMatchLabels: extra.strictMatchLabels,
    },
  });
}

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/** The three Destinations of the local test platform (dev/platform). */
export function localDestinations() {
  return [
    aDestination('dev-1', { environment: 'dev', region: 'eu' }),
    aDestination('dev-2', { environment: 'dev', region: 'us' }),
    aDestination('prod-1', { environment: 'prod', region: 'eu' }),
  ];
}

/**
 * A PlatformCache filled by hand: never started (no cluster), so its stores are changed directly
 * with upsert/remove/replaceAll, exactly as the reflectors would.
 */
export function memoryCache(platform = 'local'): PlatformCache {
  const client = { platform } as unknown as KratixClusterClient;
  return new PlatformCache(client, silentLogger);
}
