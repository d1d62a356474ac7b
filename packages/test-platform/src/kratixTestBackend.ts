import {
  BackendFeature,
  BackstageCredentials,
  RootLoggerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { kratixPlatformsServiceRef } from '@kratix-backstage/plugin-kratix-node';
import {
  PlatformCache,
  PlatformRegistry,
  readPlatformConfigs,
} from '@kratix-backstage/plugin-kratix-node/testUtils';
import { Server } from 'node:http';
import { waitFor } from './kratix';
import { platformKubeconfigPath } from './platform';
import { RecordedAuditEvent, recordingAuditor } from './recordingAuditor';

/** What a permission policy is asked: the permission, the Promise (resourceRef) and who asks. */
export interface PolicyQuery {
  permission: string;
  resourceRef?: string;
  principal: string;
}

export type Policy = (
  q: PolicyQuery,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

export interface KratixTestBackendOptions {
  /** The Kratix backend plugin: the default export of its package. */
  plugin: BackendFeature;
  /** `kratix.platforms`; default: the local platform (dev/platform) by its kubeconfig, named `local`. */
  platforms?: Array<Record<string, unknown>>;
  /** More `kratix.*` configuration next to the platforms (e.g. `cleanup`). */
  kratix?: Record<string, unknown>;
  /** More top-level configuration (e.g. `catalog` for a catalog in the same backend). */
  config?: JsonObject;
  /** Decides every permission request; default: everything allowed. */
  policy?: Policy;
  /** Platforms whose cache must be synced before the backend starts; default: `local` when `platforms` is not given. */
  waitSynced?: string[];
  /** The root logger of the backend (e.g. a CapturingLogger); default: the mock root logger. */
  logger?: RootLoggerService;
  /** More plugins, modules or services in the same backend (e.g. the scaffolder and its Kratix module). */
  features?: BackendFeature[];
  /**
   * The platforms already built (e.g. from in-memory platforms, for route tests without a
   * cluster); `platforms` then only names them in the configuration.
   */
  registry?: PlatformRegistry;
}

export interface KratixTestBackend {
  server: Server;
  /** Our own registry instance, so tests can look at its caches (e.g. to prove no re-list happened). */
  registry: PlatformRegistry;
  /** The cache of the first platform. */
  cache: PlatformCache;
  /** Every auditor event, with how it ended. */
  audit: RecordedAuditEvent[];
  stop(): Promise<void>;
}

function principalOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user') return p.userEntityRef!;
  if (p.type === 'service') return `service:${p.subject}`;
  return p.type;
}

/** The local platform (dev/platform) as a `kratix.platforms` entry named `local`. */
export function localPlatformConfig(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: 'local',
    kubeconfig: { path: platformKubeconfigPath() },
    ...overrides,
  };
}

/**
 * Starts the Kratix backend plugin in a test backend against REAL platforms: any
 * `kratix.platforms` (kubeconfig path or url + token, several at once), a permission policy
 * decided per request, recorded auditor events, and our own PlatformRegistry instance.
 */
export async function startKratixTestBackend(
  options: KratixTestBackendOptions,
): Promise<KratixTestBackend> {
  const platforms = options.platforms ?? [localPlatformConfig()];
  const config = {
    ...options.config,
    kratix: { platforms, ...options.kratix },
  } as JsonObject;
  const rootLogger = options.logger ?? mockServices.rootLogger();
  const registry =
    options.registry ??
    new PlatformRegistry(
      readPlatformConfigs(new ConfigReader(config)),
      options.logger ? rootLogger.child({ plugin: 'kratix' }) : rootLogger,
    );
  if (!options.registry) await registry.start();
  try {
    for (const name of options.waitSynced ??
      (options.platforms ? [] : ['local'])) {
      const cache = registry.get(name).cache;
      await waitFor(
        `platform ${name} synced`,
        30_000,
        () => cache.status().synced,
      );
    }
  } catch (e) {
    registry.stop();
    throw e;
  }
  const policy: Policy = options.policy ?? (() => AuthorizeResult.ALLOW);
  const decide = (
    requests: readonly any[],
    opts: { credentials: BackstageCredentials },
  ) =>
    requests.map(r => ({
      result: policy({
        permission: r.permission.name,
        resourceRef: r.resourceRef,
        principal: principalOf(opts.credentials),
      }),
    })) as any;
  // Conditional queries (e.g. the scaffolder's) get the same definitive answers.
  const permissions = mockServices.permissions.mock({
    authorize: decide,
    authorizeConditional: decide,
  });
  const { audit, factory: auditorFactory } = recordingAuditor();
  const backend = await startTestBackend({
    features: [
      options.plugin,
      mockServices.rootConfig.factory({ data: config }),
      ...(options.logger
        ? [
            createServiceFactory({
              service: coreServices.rootLogger,
              deps: {},
              factory: () => rootLogger,
            }),
          ]
        : []),
      permissions.factory,
      createServiceFactory({
        service: kratixPlatformsServiceRef,
        deps: {},
        factory: () => registry,
      }),
      auditorFactory,
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    registry,
    cache: registry.get(String(platforms[0].name)).cache,
    audit,
    async stop() {
      registry.stop();
      await backend.stop();
    },
  };
}
