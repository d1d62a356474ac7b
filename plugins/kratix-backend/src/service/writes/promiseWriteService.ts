import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  PromiseUpdateRequest,
  PromiseUpdateResponse,
  kratixPromiseUpdatePermission,
  promiseResourceRef,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformsService } from '@kratix-backstage/plugin-kratix-node';
import type { Request } from 'express';
import { requirePermission } from '../../auth/requirePermission';
import { HistoryStore } from '../history/HistoryStore';
import { actingIdentity, actorOf } from './actingIdentity';
import { updatePromise } from './promiseUpdate';

/** Errors that mean "the request was turned down", not "something broke". */
const REFUSALS = [
  'NotAllowedError',
  'ConflictError',
  'InputError',
  'NotFoundError',
];

export interface PromiseWriteServiceDeps {
  registry: KratixPlatformsService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  history: HistoryStore;
}

/** Who asks, and the HTTP request the auditor records it with. */
export interface WriteCaller {
  credentials: BackstageCredentials;
  request: Request;
}

/**
 * Promise updates with everything around them: the per-Promise permission, the identity used on
 * the platform, the audit event, and the Promise's history (applied updates only, not dry runs).
 */
export class PromiseWriteService {
  constructor(private readonly deps: PromiseWriteServiceDeps) {}

  async update(
    caller: WriteCaller,
    platformName: string,
    promise: string,
    body: PromiseUpdateRequest,
  ): Promise<PromiseUpdateResponse> {
    const { registry, permissions, userInfo, auditor, history } = this.deps;
    const { credentials } = caller;
    const auditorEvent = await auditor.createEvent({
      eventId: 'promise-update',
      severityLevel: body.dryRun ? 'low' : 'medium',
      request: caller.request,
      meta: {
        platform: platformName,
        promise,
        dryRun: Boolean(body.dryRun),
        resourceVersion: body.resourceVersion,
      },
    });
    const actor = actorOf(credentials);
    try {
      await requirePermission(
        permissions,
        credentials,
        {
          permission: kratixPromiseUpdatePermission,
          resourceRef: promiseResourceRef(platformName, promise),
        },
        `kratix.promise.update is not allowed on Promise ${promise} for ${actor}`,
      );
      const platform = registry.get(platformName);
      const as = await actingIdentity(platform, credentials, userInfo);
      const result = await updatePromise(platform, promise, body, as);
      const { before, after, ...response } = result;
      if (!body.dryRun) {
        await history.record({
          platform: platformName,
          promise,
          actor,
          action: 'promise.update',
          outcome: 'succeeded',
          summary: result.changed
            ? `Updated the Promise spec. ${result.effects.message}`
            : 'Applied an unchanged spec.',
          details: {
            diff: result.diff,
            before,
            after,
            resourceVersion: result.resourceVersion,
            actingAs: as?.user,
          },
        });
      }
      await auditorEvent.success({
        meta: {
          changed: result.changed,
          resourceVersion: result.resourceVersion,
          diff: result.diff,
        },
      });
      return response;
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      if (!body.dryRun) {
        await history.record({
          platform: platformName,
          promise,
          actor,
          action: 'promise.update',
          outcome: REFUSALS.includes((error as Error).name)
            ? 'refused'
            : 'failed',
          summary: (error as Error).message,
          details: { resourceVersion: body.resourceVersion },
        });
      }
      throw error;
    }
  }
}
