import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KratixTestBackend,
  KratixTestBackendOptions,
  localPlatformConfig,
  startKratixTestBackend,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
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

/**
 * Applies a merge patch of a Promise's spec through the product's update route, as the Update tab
 * does: with the resourceVersion and generation the backend shows now. Answers the HTTP response.
 */
export async function updateThroughRoute(
  backend: PlatformTestBackend,
  promise: string,
  specPatch: Record<string, unknown>,
): Promise<request.Response> {
  const current = await request(backend.server).get(
    `/api/kratix/platforms/local/promises/${promise}`,
  );
  return request(backend.server)
    .post(`/api/kratix/platforms/local/promises/${promise}/update`)
    .send({
      resourceVersion: current.body.promise.resourceVersion,
      generation: current.body.promise.generation,
      specPatch,
    });
}
