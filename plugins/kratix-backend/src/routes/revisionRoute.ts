import express from 'express';
import { cacheRevision } from '../service/readModel/cacheRevision';
import { parse, pathParams, readQuery } from './params';
import { RouteContext, readerCredentials } from './routeContext';

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
  ctx: Pick<RouteContext, 'registry' | 'httpAuth' | 'permissions'>,
): void {
  const { registry } = ctx;
  router.get('/platforms/:platform/revision', async (req, res) => {
    await readerCredentials(ctx, req);
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
