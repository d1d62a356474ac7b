import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Scaffolder module that registers the Kratix template actions.
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
      },
      async init({ scaffolderActions }) {
        // TODO: add the kratix:* actions (request a Promise resource, wait for
        // it to become ready, ...). Each action checks the initiator's
        // permissions through the Kratix backend before acting.
        scaffolderActions.addActions();
      },
    });
  },
});
