import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { kratixPermissions } from '@kratix-backstage/plugin-kratix-common';
import { readPlatformConfigs } from './cluster/platformConfig';
import { createRouter } from './router';
import { PlatformRegistry } from './service/PlatformRegistry';

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
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
      },
      async init({ logger, config, httpRouter, httpAuth, permissions, permissionsRegistry, lifecycle }) {
        permissionsRegistry.addPermissions(kratixPermissions);
        const registry = new PlatformRegistry(readPlatformConfigs(config), logger);
        // Watches start with the backend and stop with it; reads answer 503 until synced.
        lifecycle.addStartupHook(() => registry.start());
        lifecycle.addShutdownHook(() => registry.stop());

        httpRouter.use(await createRouter({ logger, httpAuth, permissions, registry }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
