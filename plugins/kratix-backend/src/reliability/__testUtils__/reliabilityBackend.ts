import { BackendFeature, BackstageCredentials, coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kratixPlatformsServiceRef } from '@kratix-backstage/plugin-kratix-node';
import { waitFor } from '@kratix-backstage/test-platform';
import { Server } from 'node:http';
import { kratixPlugin } from '../../plugin';
import { RecordedAuditEvent, recordingAuditor } from '../../__testUtils__/recordingAuditor';
import { CapturingLogger } from './capturingLogger';
import { PlatformRegistry, readPlatformConfigs } from '@kratix-backstage/plugin-kratix-node/testUtils';

/** What a permission policy is asked: the permission, the Promise (resourceRef) and who asks. */
export interface PolicyQuery {
  permission: string;
  resourceRef?: string;
  principal: string;
}

export type Policy = (q: PolicyQuery) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

export interface ReliabilityBackend {
  server: Server;
  registry: PlatformRegistry;
  audit: RecordedAuditEvent[];
  logger: CapturingLogger;
  stop(): Promise<void>;
}

function principalOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  if (p.type === 'user') return p.userEntityRef!;
  if (p.type === 'service') return `service:${p.subject}`;
  return p.type;
}

/**
 * The kratix backend plugin with any `kratix.platforms` (kubeconfig path or url + token, several
 * at once), a permission policy decided per request, a root logger that captures every line, and
 * recorded auditor events. `waitSynced` names the platforms whose cache must be synced first.
 */
export async function startReliabilityBackend(options: {
  platforms: Array<Record<string, unknown>>;
  policy?: Policy;
  cleanup?: { concurrency?: number; maxRequestsPerSecond?: number };
  waitSynced?: string[];
  logger?: CapturingLogger;
  /** More plugins/modules/services in the same backend (e.g. the scaffolder and its Kratix module). */
  features?: BackendFeature[];
}): Promise<ReliabilityBackend> {
  const config = {
    kratix: { platforms: options.platforms, ...(options.cleanup ? { cleanup: options.cleanup } : {}) },
  } as JsonObject;
  const logger = options.logger ?? new CapturingLogger();
  const registry = new PlatformRegistry(readPlatformConfigs(new ConfigReader(config)), logger.child({ plugin: 'kratix' }));
  await registry.start();
  for (const name of options.waitSynced ?? []) {
    const cache = registry.get(name).cache;
    await waitFor(`platform ${name} synced`, 30_000, () => cache.status().synced);
  }
  const policy: Policy = options.policy ?? (() => AuthorizeResult.ALLOW);
  const decide = (requests: readonly any[], opts: { credentials: BackstageCredentials }) =>
    requests.map(r => ({
      result: policy({
        permission: r.permission.name,
        resourceRef: r.resourceRef,
        principal: principalOf(opts.credentials),
      }),
    })) as any;
  // Conditional queries (e.g. the scaffolder's) get the same definitive answers.
  const permissions = mockServices.permissions.mock({ authorize: decide, authorizeConditional: decide });
  const { audit, factory: auditorFactory } = recordingAuditor();
  const backend = await startTestBackend({
    features: [
      kratixPlugin,
      mockServices.rootConfig.factory({ data: config }),
      createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
      permissions.factory,
      createServiceFactory({ service: kratixPlatformsServiceRef, deps: {}, factory: () => registry }),
      auditorFactory,
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    registry,
    audit,
    logger,
    async stop() {
      registry.stop();
      await backend.stop();
    },
  };
}
