import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kratixPromiseReadPermission } from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformCache, KratixPlatformsService } from '@kratix-backstage/plugin-kratix-node';
import express from 'express';
import { parse, pathParams, readQuery } from './params';

/** Tells this backend process apart from a restarted one (its stores count from 0 again). */
const PROCESS_ID = Date.now().toString(36);

/**
 * The revision of a platform's watch cache: changes whenever a Promise, Destination, state store,
 * Work or WorkPlacement changes, or the platform becomes reachable or unreachable. Equal
 * revisions mean equal read answers, so a UI polls this instead of the reads themselves.
 */
export function cacheRevision(cache: KratixPlatformCache): string {
  const s = cache.status();
  return [
    PROCESS_ID,
    cache.promises.revision,
    cache.destinations.revision,
    cache.stateStores.revision,
    cache.works.revision,
    cache.workPlacements.revision,
    s.synced ? 's' : 'u',
    s.connected ? 'c' : 'd',
  ].join('.');
}

export interface RevisionResponse {
  platform: string;
  revision: string;
  synced: boolean;
  connected: boolean;
}

/**
 * `GET /platforms/:platform/revision`: a cheap answer (no read model is built) for polling. It
 * answers also while the platform is unreachable or not synced yet (unlike the reads).
 */
export function registerRevisionRoute(
  router: express.Router,
  deps: {
    registry: KratixPlatformsService;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
  },
): void {
  const { registry, httpAuth, permissions } = deps;
  router.get('/platforms/:platform/revision', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: kratixPromiseReadPermission }],
      {
        credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'kratix.promise.read is not allowed for this user',
      );
    }
    parse(readQuery, req.query, 'query');
    const { platform: name } = pathParams(req.params);
    const { cache } = registry.get(name);
    const s = cache.status();
    const body: RevisionResponse = {
      platform: name,
      revision: cacheRevision(cache),
      synced: s.synced,
      connected: s.connected,
    };
    res.set('Cache-Control', 'no-store');
    res.json(body);
  });
}
