import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { KratixClient, kratixApiRef } from './api';
import { rootRouteRef } from './routes';

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
  routes: { root: rootRouteRef },
});

/**
 * Standalone page: platform picker, Promises × Destinations matrix and all
 * misplaced WorkPlacements. Mount it with
 * `<Route path="/kratix" element={<KratixPage />} />`.
 *
 * @public
 */
export const KratixPage = kratixPlugin.provide(
  createRoutableExtension({
    name: 'KratixPage',
    component: () => import('./components/KratixPage').then(m => m.KratixPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity tab of a Promise: which Destinations its selectors target and why
 * not, and where its workload groups are placed.
 *
 * ```tsx
 * <EntityLayout.Route path="/kratix-targeting" title="Kratix targeting" if={isKratixPromise}>
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

/**
 * Entity tab of a Promise: its misplaced WorkPlacements, with cleanup.
 *
 * @public
 */
export const EntityKratixMisplacedContent = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixMisplacedContent',
    component: {
      lazy: () =>
        import('./components/EntityKratixMisplacedContent').then(
          m => m.EntityKratixMisplacedContent,
        ),
    },
  }),
);

/**
 * Entity tab of a Promise: edit its destinationSelectors (or the spec as YAML),
 * preview with a dry run, apply.
 *
 * @public
 */
export const EntityKratixUpdatePromiseContent = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixUpdatePromiseContent',
    component: {
      lazy: () =>
        import('./components/EntityKratixUpdatePromiseContent').then(
          m => m.EntityKratixUpdatePromiseContent,
        ),
    },
  }),
);

/**
 * Entity tab of a Promise: the changes made through Backstage, one line per action (who, when,
 * what, outcome) with the spec diff or the per-WorkPlacement results as details.
 *
 * ```tsx
 * <EntityLayout.Route path="/kratix-history" title="History" if={isKratixPromise}>
 *   <EntityKratixHistoryContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityKratixHistoryContent = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixHistoryContent',
    component: {
      lazy: () =>
        import('./components/EntityKratixHistoryContent').then(
          m => m.EntityKratixHistoryContent,
        ),
    },
  }),
);

/**
 * Entity tab of a Destination: the Promises that target it and why (or why not), its
 * WorkPlacements per Promise, and its misplaced WorkPlacements with cleanup.
 *
 * ```tsx
 * <EntityLayout.Route path="/kratix" title="Kratix" if={isKratixDestination}>
 *   <EntityKratixDestinationContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityKratixDestinationContent = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixDestinationContent',
    component: {
      lazy: () =>
        import('./components/EntityKratixDestinationTab').then(
          m => m.EntityKratixDestinationContent,
        ),
    },
  }),
);

/**
 * Entity card of a Promise: the changes made through Backstage.
 *
 * @public
 * @deprecated Use the History tab, {@link EntityKratixHistoryContent} (renders the same).
 */
export const EntityKratixHistoryCard = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixHistoryCard',
    component: {
      lazy: () =>
        import('./components/EntityKratixHistoryCard').then(
          m => m.EntityKratixHistoryCard,
        ),
    },
  }),
);

/**
 * Entity tab of a Promise: the runs of its workflows and its resource requests' workflows, with
 * the log of a failed run.
 *
 * ```tsx
 * <EntityLayout.Route path="/kratix-workflows" title="Workflows" if={isKratixPromise}>
 *   <EntityKratixWorkflowsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityKratixWorkflowsContent = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixWorkflowsContent',
    component: {
      lazy: () =>
        import('./components/EntityKratixWorkflowsContent').then(
          m => m.EntityKratixWorkflowsContent,
        ),
    },
  }),
);
