import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { KratixClient, kratixApiRef } from '../api';
import { isKratixPromise } from '../isKratixPromise';

/** Provides {@link kratixApiRef}. */
export const kratixApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kratixApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KratixClient({ discoveryApi, fetchApi }),
    }),
});

/** "Kratix" tab on the entity page of entities that stand for a Promise. */
export const kratixEntityContent = EntityContentBlueprint.make({
  name: 'destinations',
  params: {
    path: '/kratix',
    title: 'Kratix',
    filter: isKratixPromise,
    loader: () =>
      import('../components/EntityKratixDestinationsContent').then(m =>
        compatWrapper(<m.EntityKratixDestinationsContent />),
      ),
  },
});

/**
 * The Kratix frontend plugin for the new frontend system.
 *
 * @alpha
 */
export const kratixFrontendPlugin = createFrontendPlugin({
  pluginId: 'kratix',
  info: { packageJson: () => import('../../package.json') },
  extensions: [kratixApi, kratixEntityContent],
});
