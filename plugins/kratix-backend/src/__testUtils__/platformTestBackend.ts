import { createServiceFactory } from '@backstage/backend-plugin-api';
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
import { platformKubeconfigPath, waitFor } from '@kratix-backstage/test-platform';
import { kratixPlugin } from '../plugin';

/**
 * Starts the kratix backend plugin against the REAL local platform (dev/platform), with our own
 * PlatformRegistry instance so tests can look at its cache (e.g. to prove no re-list happened).
 */
/** Auditor events recorded by the test backend: the event options and how it ended. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: unknown;
  outcome?: 'success' | 'fail';
  outcomeMeta?: unknown;
  error?: string;
}

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
  const registry = new PlatformRegistry(readPlatformConfigs(new ConfigReader(config)), logger);
  await registry.start();
  const cache = registry.get('local').cache;
  await waitFor('platform cache synced', 30_000, () => cache.status().synced);
  const audit: RecordedAuditEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async (opts: any) => {
      const event: RecordedAuditEvent = { eventId: opts.eventId, meta: opts.meta };
      audit.push(event);
      return {
        success: async (o?: any) => {
          event.outcome = 'success';
          event.outcomeMeta = o?.meta;
        },
        fail: async (o: any) => {
          event.outcome = 'fail';
          event.outcomeMeta = o?.meta;
          event.error = String(o?.error?.message ?? o?.error);
        },
      };
    },
  });
  const backend = await startTestBackend({
    features: [
      kratixPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result: options.permission ?? AuthorizeResult.ALLOW }),
      createServiceFactory({ service: kratixPlatformsServiceRef, deps: {}, factory: () => registry }),
      auditor.factory,
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
