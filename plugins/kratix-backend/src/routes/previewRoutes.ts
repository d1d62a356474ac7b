import express from 'express';
import {
  previewDestinationChange,
  previewPromiseChange,
} from '../service/preview/preview';
import { parse, pathParams } from './params';
import { RouteContext, readerCredentials } from './routeContext';
import { destinationsPreviewBody, promisePreviewBody } from './writeSchemas';

/** The scheduling what-if: computed from the cache, changes nothing, needs kratix.promise.read. */
export function registerPreviewRoutes(
  router: express.Router,
  ctx: Pick<RouteContext, 'registry' | 'httpAuth' | 'permissions'>,
): void {
  const { registry } = ctx;

  router.post(
    '/platforms/:platform/promises/:promise/preview',
    async (req, res) => {
      await readerCredentials(ctx, req);
      const { platform: name, promise } = pathParams(req.params);
      const body = parse(promisePreviewBody, req.body, 'request body');
      const { platform } = registry.readable(name);
      res.json(await previewPromiseChange(platform, promise!, body));
    },
  );

  router.post('/platforms/:platform/destinations/preview', async (req, res) => {
    await readerCredentials(ctx, req);
    const { platform: name } = pathParams(req.params);
    const body = parse(destinationsPreviewBody, req.body, 'request body');
    const { platform } = registry.readable(name);
    res.json(previewDestinationChange(platform, body));
  });
}
