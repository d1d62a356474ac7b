import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KratixTestBackend,
  KratixTestBackendOptions,
  localPlatformConfig,
  startKratixTestBackend,
} from '@kratix-backstage/test-platform';
import { kratixPlugin } from '../plugin';

export type PlatformTestBackend = KratixTestBackend;

/**
 * This plugin against the REAL local platform (dev/platform), through the one test backend of
 * packages/test-platform: every permission answered `permission` (default: allowed).
 */
export function startPlatformTestBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Per permission name (overrides `permission`): e.g. allow reads but deny log reads. */
    decide?: (
      permissionName: string,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    platformOverrides?: Record<string, unknown>;
    /** More services, e.g. a database (the default is in-memory SQLite). */
    features?: KratixTestBackendOptions['features'];
  } = {},
): Promise<PlatformTestBackend> {
  const permission = options.permission ?? AuthorizeResult.ALLOW;
  return startKratixTestBackend({
    plugin: kratixPlugin,
    platforms: [localPlatformConfig(options.platformOverrides)],
    waitSynced: ['local'],
    policy: q => (options.decide ? options.decide(q.permission) : permission),
    features: options.features,
  });
}
