import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kratixPromiseReadPermission } from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformsService } from '@kratix-backstage/plugin-kratix-node';
import express from 'express';
import { previewDestinationChange, previewPromiseChange } from '../service/preview/preview';
import { parse, pathParams } from './params';
import { destinationsPreviewBody, promisePreviewBody } from './writeSchemas';

export interface PreviewRouteDeps {
  registry: KratixPlatformsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

/** The scheduling what-if: computed from the cache, changes nothing, needs kratix.promise.read. */
export function registerPreviewRoutes(router: express.Router, deps: PreviewRouteDeps): void {
  const { registry, httpAuth, permissions } = deps;
  const requireRead = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req);
    const [d] = await permissions.authorize([{ permission: kratixPromiseReadPermission }], { credentials });
    if (d.result !== AuthorizeResult.ALLOW) throw new NotAllowedError('kratix.promise.read is not allowed for this user');
  };

  router.post('/platforms/:platform/promises/:promise/preview', async (req, res) => {
    await requireRead(req);
    const { platform: name, promise } = pathParams(req.params);
    const body = parse(promisePreviewBody, req.body, 'request body');
    const { platform } = registry.readable(name);
    res.json(await previewPromiseChange(platform, promise!, body));
  });

  router.post('/platforms/:platform/destinations/preview', async (req, res) => {
    await requireRead(req);
    const { platform: name } = pathParams(req.params);
    const body = parse(destinationsPreviewBody, req.body, 'request body');
    const { platform } = registry.readable(name);
    res.json(previewDestinationChange(platform, body));
  });
}
