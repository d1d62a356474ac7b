import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { kratixPlatformsServiceRef } from '@kratix-backstage/plugin-kratix-node';
import { readCleanupConfig } from './cleanupConfig';
import { registerPromisePermissions } from './permissions/promiseResource';
import { createRouter } from './router';
import { HistoryStore } from './service/history/HistoryStore';

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
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        database: coreServices.database,
        config: coreServices.rootConfig,
      },
      async init(deps) {
        const {
          logger,
          httpRouter,
          httpAuth,
          permissions,
          permissionsRegistry,
          registry,
        } = deps;
        registerPromisePermissions(permissionsRegistry, registry);
        const history = await HistoryStore.create(deps.database);
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            registry,
            userInfo: deps.userInfo,
            auditor: deps.auditor,
            history,
            cleanup: readCleanupConfig(deps.config),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
