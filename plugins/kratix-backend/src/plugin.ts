import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { kratixPermissions } from '@kratix-backstage/plugin-kratix-common';
import { kratixPlatformsServiceRef } from '@kratix-backstage/plugin-kratix-node';
import { createRouter } from './router';

/**
 * The Kratix backend plugin, serving /api/kratix.
 *
 * @public
 */
export const kratixPlugin = createBackendPlugin({
  pluginId: 'kratix',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        registry: kratixPlatformsServiceRef,
      },
      async init({ logger, httpRouter, httpAuth, permissions, permissionsRegistry, registry }) {
        permissionsRegistry.addPermissions(kratixPermissions);
        httpRouter.use(await createRouter({ logger, httpAuth, permissions, registry }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
