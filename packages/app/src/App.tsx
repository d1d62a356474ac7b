import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import kratixPlugin from '@kratix-backstage/plugin-kratix/alpha';
import { withHomeRedirect } from './modules/homeRedirect';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    userSettingsPlugin,
    kratixPlugin,
    signInModule,
  ],
  advanced: {
    // `/` leads to the Kratix page (see modules/homeRedirect.ts).
    extensionFactoryMiddleware: (originalFactory, { node, config }) => {
      const redirected = withHomeRedirect(node.spec.id, config);
      return redirected
        ? originalFactory({ config: redirected })
        : originalFactory();
    },
  },
});
