import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PlatformCache,
  PlatformRegistry,
  kratixPlatformsServiceRef,
  readPlatformConfigs,
} from '@kratix-backstage/plugin-kratix-node';
import { Server } from 'node:http';
import { ConfigReader } from '@backstage/config';
import {
  platformKubeconfigPath,
  waitFor,
} from '@kratix-backstage/test-platform';
import { kratixPlugin } from '../plugin';
import { RecordedAuditEvent, recordingAuditor } from './recordingAuditor';

export type { RecordedAuditEvent } from './recordingAuditor';

/**
 * Starts the kratix backend plugin against the REAL local platform (dev/platform), with our own
 * PlatformRegistry instance so tests can look at its cache (e.g. to prove no re-list happened).
 */

export interface PlatformTestBackend {
  audit: RecordedAuditEvent[];
  server: Server;
  registry: PlatformRegistry;
  cache: PlatformCache;
  stop(): Promise<void>;
}

export async function startPlatformTestBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Per permission name (overrides `permission`): e.g. allow reads but deny log reads. */
    decide?: (
      permissionName: string,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    extraConfig?: Record<string, unknown>;
    platformOverrides?: Record<string, unknown>;
  } = {},
): Promise<PlatformTestBackend> {
  const config = {
    kratix: {
      platforms: [
        {
          name: 'local',
          kubeconfig: { path: platformKubeconfigPath() },
          ...options.platformOverrides,
        },
      ],
      ...options.extraConfig,
    },
  };
  const logger = mockServices.rootLogger();
  const registry = new PlatformRegistry(
    readPlatformConfigs(new ConfigReader(config)),
    logger,
  );
  await registry.start();
  const cache = registry.get('local').cache;
  await waitFor('platform cache synced', 30_000, () => cache.status().synced);
  const { audit, factory: auditorFactory } = recordingAuditor();
  const backend = await startTestBackend({
    features: [
      kratixPlugin,
      mockServices.rootConfig.factory({ data: config }),
      options.decide
        ? decidingPermissions(options.decide)
        : mockServices.permissions.factory({
            result: options.permission ?? AuthorizeResult.ALLOW,
          }),
      createServiceFactory({
        service: kratixPlatformsServiceRef,
        deps: {},
        factory: () => registry,
      }),
      auditorFactory,
    ],
  });
  return {
    audit,
    server: backend.server,
    registry,
    cache,
    async stop() {
      registry.stop();
      await backend.stop();
    },
  };
}

/** A permissions service answering each permission by name (basic permissions only). */
function decidingPermissions(
  decide: (
    permissionName: string,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const service = mockServices.permissions.mock({
    authorize: async (requests: any[]) =>
      requests.map(r => ({ result: decide(r.permission.name) })),
    authorizeConditional: async (requests: any[]) =>
      requests.map(r => ({ result: decide(r.permission.name) })),
  } as any);
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => service,
  });
}
