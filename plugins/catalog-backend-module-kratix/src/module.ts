import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Catalog module for Kratix.
 *
 * @public
 */
export const catalogModuleKratix = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kratix',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger }) {
        // No entity provider yet. The Kratix Promise provider will be added
        // here with processing.addEntityProvider(...), running on
        // coreServices.scheduler and reading coreServices.rootConfig.
        logger.debug('kratix catalog module registered (no providers yet)');
      },
    });
  },
});
