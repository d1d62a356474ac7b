import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readPlatformConfigs } from './cluster/platformConfig';
import { KratixPlatformsService } from './KratixPlatformsService';
import { PlatformRegistry } from './PlatformRegistry';

/**
 * The Kratix platforms of this backend: one Kubernetes client and one watch cache per configured
 * platform, shared (root scope) by the kratix backend plugin, the catalog module and the
 * scaffolder module, so each platform is watched once per process.
 *
 * @public
 */
export const kratixPlatformsServiceRef =
  createServiceRef<KratixPlatformsService>({
    id: 'kratix.platforms',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
          lifecycle: coreServices.rootLifecycle,
        },
        factory({ config, logger, lifecycle }) {
          const registry = new PlatformRegistry(
            readPlatformConfigs(config),
            logger.child({ plugin: 'kratix' }),
          );
          // Watches start with the backend; reads answer 503 until each platform has synced.
          lifecycle.addStartupHook(() => registry.start());
          lifecycle.addShutdownHook(() => registry.stop());
          return registry;
        },
      }),
  });
