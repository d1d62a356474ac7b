import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { kratixPromiseReadPermission } from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformsService } from '@kratix-backstage/plugin-kratix-node';
import type { Request } from 'express';
import { requirePermission } from '../auth/requirePermission';
import { HistoryStore } from '../service/history/HistoryStore';
import { CleanupService } from '../service/writes/cleanupService';
import { PromiseWriteService } from '../service/writes/promiseWriteService';

/** What the route handlers call: the platforms, the services, and authentication. */
export interface RouteContext {
  registry: KratixPlatformsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  promiseWrites: PromiseWriteService;
  cleanup: CleanupService;
  history: HistoryStore;
}

/** The caller's credentials, once kratix.promise.read is allowed for them (403 otherwise). */
export async function readerCredentials(
  ctx: Pick<RouteContext, 'httpAuth' | 'permissions'>,
  req: Request,
): Promise<BackstageCredentials> {
  const credentials = await ctx.httpAuth.credentials(req);
  await requirePermission(ctx.permissions, credentials, {
    permission: kratixPromiseReadPermission,
  });
  return credentials;
}
