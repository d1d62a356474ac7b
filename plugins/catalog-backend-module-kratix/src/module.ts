import {
  LoggerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  Platform,
  kratixPlatformsServiceRef,
  kubeConfigFor,
} from '@kratix-backstage/plugin-kratix-node';
import { readKratixCatalogConfig } from './config';
import { KratixEntityProvider } from './provider/KratixEntityProvider';

/** The platform's API server URL for links, or undefined when it cannot be worked out. */
function apiServerUrlOf(
  platform: Platform,
  logger: LoggerService,
): string | undefined {
  if (platform.config.url) return platform.config.url;
  try {
    return kubeConfigFor(platform.config).getCurrentCluster()?.server;
  } catch (e) {
    logger.debug(
      `kratix platform ${platform.config.name}: no API server URL for links: ${e}`,
    );
    return undefined;
  }
}

/**
 * Catalog module for Kratix: one entity provider per configured Kratix platform
 * (`kratix-provider:<platform>`), emitting a Component per Promise and a Resource per Destination.
 *
 * @public
 */
export const catalogModuleKratix = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kratix',
  register({ registerInit }) {
    registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        platforms: kratixPlatformsServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        processing,
        platforms,
        config,
        logger,
        scheduler,
        lifecycle,
      }) {
        const catalogConfig = readKratixCatalogConfig(config);
        const multiPlatform = platforms.names().length > 1;
        const appBaseUrl = config.getOptionalString('app.baseUrl');
        for (const broken of platforms.brokenPlatforms()) {
          logger.warn(
            `kratix platform ${broken.name} is not usable (${broken.error}); no catalog entities for it`,
          );
        }
        for (const platform of platforms.all()) {
          const provider = new KratixEntityProvider({
            cache: platform.cache,
            context: {
              platform: platform.config.name,
              multiPlatform,
              ownerAnnotation: catalogConfig.ownerAnnotation,
              defaultOwner: catalogConfig.defaultOwner,
              appBaseUrl,
              apiServerUrl: apiServerUrlOf(platform, logger),
            },
            logger: logger.child({
              provider: `kratix-provider:${platform.config.name}`,
            }),
            taskRunner: scheduler.createScheduledTaskRunner(
              catalogConfig.schedule,
            ),
          });
          processing.addEntityProvider(provider);
          lifecycle.addShutdownHook(() => provider.close());
        }
      },
    });
  },
});
