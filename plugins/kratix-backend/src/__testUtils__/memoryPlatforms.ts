import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CacheStatus,
  KratixClusterClient,
  Platform,
  PlatformCache,
  PlatformRegistry,
  kratixPlatformsServiceRef,
} from '@kratix-backstage/plugin-kratix-node';
import { kratixPlugin } from '../plugin';
import { Server } from 'node:http';
import {
  RecordedAuditEvent,
  recordingAuditor,
} from '@kratix-backstage/test-platform';

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

  override status(): CacheStatus {
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

export interface MemoryPlatform extends Platform {
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

/**
 * The kratix backend plugin in a test backend over in-memory platforms, with mock auth, a
 * recording auditor and the plugin's real database (in-memory SQLite).
 */
export interface MemoryTestBackend {
  server: Server;
  audit: RecordedAuditEvent[];
  stop(): Promise<void>;
}

export async function startMemoryTestBackend(
  platforms: Platform[],
  decisions: PermissionDecisions = {},
): Promise<MemoryTestBackend> {
  const { audit, factory: auditorFactory } = recordingAuditor();
  const permissions = mockServices.permissions.mock({
    authorize: (async (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({
        result: decisions[r.permission.name] ?? AuthorizeResult.ALLOW,
      }))) as any,
  });
  const backend = await startTestBackend({
    features: [
      kratixPlugin,
      mockServices.rootConfig.factory({ data: {} }),
      // A request without a token is unauthenticated (401), not the default mock user.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      permissions.factory,
      createServiceFactory({
        service: kratixPlatformsServiceRef,
        deps: {},
        factory: () =>
          PlatformRegistry.fromPlatforms(platforms, mockServices.logger.mock()),
      }),
      auditorFactory,
    ],
  });
  return { server: backend.server, audit, stop: () => backend.stop() };
}
