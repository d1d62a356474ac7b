import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CachedPlatform,
  KratixClusterClient,
  KratixPlatformStatus,
  PlatformCache,
  PlatformRegistry,
} from '@kratix-backstage/plugin-kratix-node/testUtils';
import {
  KratixTestBackend,
  startKratixTestBackend,
} from '@kratix-backstage/test-platform';
import { kratixPlugin } from '../plugin';

/** What a memory platform's cache reports: synced and reachable unless told otherwise. */
export interface MemoryPlatformState {
  synced: boolean;
  connected: boolean;
  error?: string;
}

/**
 * A watch cache filled by the test, not by watches: it answers reads exactly as a synced cache
 * does. Its client has no cluster behind it; route tests use it only for answers decided before
 * any call to the cluster (the platform tests prove what the cluster does).
 */
class MemoryPlatformCache extends PlatformCache {
  readonly state: MemoryPlatformState = { synced: true, connected: true };

  override get generation() {
    return 'current' as const;
  }

  override status(): KratixPlatformStatus {
    return {
      platform: this.platform,
      generation: 'current',
      synced: this.state.synced,
      connected: this.state.connected,
      error: this.state.error,
      disconnectedSince: this.state.connected
        ? undefined
        : '2026-01-01T00:00:00.000Z',
      kinds: [],
    };
  }
}

export interface MemoryPlatform extends CachedPlatform {
  cache: MemoryPlatformCache;
}

export function memoryPlatform(name = 'local'): MemoryPlatform {
  const client = { platform: name } as unknown as KratixClusterClient;
  const cache = new MemoryPlatformCache(client, mockServices.logger.mock());
  return {
    config: {
      name,
      source: 'url',
      url: `https://${name}.k8s.example:6443`,
      skipTLSVerify: false,
      impersonateUser: false,
    },
    client,
    cache,
  };
}

/** Permission decisions per permission name (unlisted: ALLOW). */
export type PermissionDecisions = Record<
  string,
  AuthorizeResult.ALLOW | AuthorizeResult.DENY
>;

export type MemoryTestBackend = KratixTestBackend;

/**
 * The kratix backend plugin in test-platform's test backend over in-memory platforms: mock auth
 * (a request without a token is unauthenticated, 401), a recording auditor and the plugin's
 * real database (in-memory SQLite).
 */
export function startMemoryTestBackend(
  platforms: CachedPlatform[],
  decisions: PermissionDecisions = {},
): Promise<MemoryTestBackend> {
  return startKratixTestBackend({
    plugin: kratixPlugin,
    registry: PlatformRegistry.fromPlatforms(
      platforms,
      mockServices.logger.mock(),
    ),
    platforms: platforms.map(p => ({ name: p.config.name })),
    waitSynced: [],
    policy: q => decisions[q.permission] ?? AuthorizeResult.ALLOW,
    features: [
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
}
