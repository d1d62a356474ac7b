import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createPromiseApplyAction,
  createPromisePreviewAction,
  createPromiseRenderAction,
  createWorkPlacementsCleanupAction,
} from './actions';
import { kratixBackendClientFactory } from './kratixBackendClient';

/**
 * Scaffolder module that registers the Kratix template actions: kratix:promise:preview,
 * kratix:promise:render, kratix:promise:apply and kratix:workplacements:cleanup. They call the
 * Kratix backend plugin's API on behalf of the user running the template, so its permission
 * checks, auditing, history, optimistic concurrency and dry runs apply.
 *
 * @public
 */
export const scaffolderModuleKratix = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kratix',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolderActions, auth, discovery }) {
        const client = kratixBackendClientFactory({ auth, discovery });
        scaffolderActions.addActions(
          createPromisePreviewAction({ client }),
          createPromiseRenderAction({ client }),
          createPromiseApplyAction({ client }),
          createWorkPlacementsCleanupAction({ client }),
        );
      },
    });
  },
});
