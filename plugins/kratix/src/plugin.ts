import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { KratixClient, kratixApiRef } from './api';

/**
 * The Kratix frontend plugin for the legacy frontend system. Apps on the new
 * frontend system use the default export of
 * `@kratix-backstage/plugin-kratix/alpha` instead.
 *
 * @public
 */
export const kratixPlugin = createPlugin({
  id: 'kratix',
  apis: [
    createApiFactory({
      api: kratixApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KratixClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Entity page content for a Kratix Promise (legacy frontend system), e.g.
 *
 * ```tsx
 * <EntityLayout.Route path="/kratix" title="Kratix" if={isKratixPromise}>
 *   <EntityKratixDestinationsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityKratixDestinationsContent = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixDestinationsContent',
    component: {
      lazy: () =>
        import('./components/EntityKratixDestinationsContent').then(
          m => m.EntityKratixDestinationsContent,
        ),
    },
  }),
);
