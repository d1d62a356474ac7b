import { Content } from '@backstage/core-components';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { KratixClient, kratixApiRef } from '../api';
import {
  KRATIX_DESTINATION_NAME_ANNOTATION,
  KRATIX_PROMISE_NAME_ANNOTATION,
} from '@kratix-backstage/plugin-kratix-common';
import { rootRouteRef } from '../routes';

/** Entities that stand for a Kratix Promise. */
export const kratixPromiseFilter = {
  [`metadata.annotations.${KRATIX_PROMISE_NAME_ANNOTATION}`]: { $exists: true },
};

const rootRoute = convertLegacyRouteRef(rootRouteRef);

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

/** The standalone page at /kratix (with a nav item). */
export const kratixPage = PageBlueprint.make({
  params: {
    path: '/kratix',
    title: 'Kratix',
    icon: <AccountTreeIcon />,
    routeRef: rootRoute,
    loader: () =>
      import('../components/KratixPage').then(m =>
        compatWrapper(
          <Content>
            <m.KratixPageContent />
          </Content>,
        ),
      ),
  },
});

/** "Kratix targeting" tab of entities that stand for a Promise. */
export const kratixTargetingContent = EntityContentBlueprint.make({
  name: 'targeting',
  params: {
    path: '/kratix-targeting',
    title: 'Kratix targeting',
    filter: kratixPromiseFilter,
    loader: () =>
      import('../components/EntityKratixDestinationsContent').then(m =>
        compatWrapper(<m.EntityKratixDestinationsContent />),
      ),
  },
});

/** "Misplaced" tab. */
export const kratixMisplacedContent = EntityContentBlueprint.make({
  name: 'misplaced',
  params: {
    path: '/kratix-misplaced',
    title: 'Misplaced',
    filter: kratixPromiseFilter,
    loader: () =>
      import('../components/EntityKratixMisplacedContent').then(m =>
        compatWrapper(<m.EntityKratixMisplacedContent />),
      ),
  },
});

/** "Update" tab. */
export const kratixUpdateContent = EntityContentBlueprint.make({
  name: 'update',
  params: {
    path: '/kratix-update',
    title: 'Update',
    filter: kratixPromiseFilter,
    loader: () =>
      import('../components/EntityKratixUpdatePromiseContent').then(m =>
        compatWrapper(<m.EntityKratixUpdatePromiseContent />),
      ),
  },
});

/** "History" tab: the changes made through Backstage (replaces the former overview card). */
export const kratixHistoryContent = EntityContentBlueprint.make({
  name: 'history',
  params: {
    path: '/kratix-history',
    title: 'History',
    filter: kratixPromiseFilter,
    loader: () =>
      import('../components/EntityKratixHistoryContent').then(m =>
        compatWrapper(<m.EntityKratixHistoryContent />),
      ),
  },
});

/** "Workflows" tab: the runs of the Promise's workflows and its requests', failures with logs. */
export const kratixWorkflowsContent = EntityContentBlueprint.make({
  name: 'workflows',
  params: {
    path: '/kratix-workflows',
    title: 'Workflows',
    filter: kratixPromiseFilter,
    loader: () =>
      import('../components/EntityKratixWorkflowsContent').then(m =>
        compatWrapper(<m.EntityKratixWorkflowsContent />),
      ),
  },
});

/** Entities that stand for a Kratix Destination. */
export const kratixDestinationFilter = {
  [`metadata.annotations.${KRATIX_DESTINATION_NAME_ANNOTATION}`]: {
    $exists: true,
  },
};

/** "Kratix" tab of Destination entities: Promises targeting it and why, its misplaced WorkPlacements. */
export const kratixDestinationContent = EntityContentBlueprint.make({
  name: 'destination',
  params: {
    path: '/kratix',
    title: 'Kratix',
    filter: kratixDestinationFilter,
    loader: () =>
      import('../components/EntityKratixDestinationTab').then(m =>
        compatWrapper(<m.EntityKratixDestinationContent />),
      ),
  },
});

/**
 * Scaffolder form fields (used by the kratix-promise-change template of
 * plugin-scaffolder-backend-module-kratix): `KratixDestinationSelectors` (prefilled from the
 * chosen Promise), `KratixPromiseWhatIf` (the what-if before "Create"), `KratixYamlText`.
 */
export const kratixDestinationSelectorsFormField = FormFieldBlueprint.make({
  name: 'destination-selectors',
  params: {
    field: () =>
      import('../scaffolder/fields').then(m =>
        createFormField(m.destinationSelectorsField),
      ),
  },
});
export const kratixPromiseWhatIfFormField = FormFieldBlueprint.make({
  name: 'promise-what-if',
  params: {
    field: () =>
      import('../scaffolder/fields').then(m =>
        createFormField(m.promiseWhatIfField),
      ),
  },
});
export const kratixYamlTextFormField = FormFieldBlueprint.make({
  name: 'yaml-text',
  params: {
    field: () =>
      import('../scaffolder/fields').then(m =>
        createFormField(m.yamlTextField),
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
  routes: { root: rootRoute },
  extensions: [
    kratixApi,
    kratixPage,
    kratixTargetingContent,
    kratixMisplacedContent,
    kratixUpdateContent,
    kratixHistoryContent,
    kratixWorkflowsContent,
    kratixDestinationContent,
    kratixDestinationSelectorsFormField,
    kratixPromiseWhatIfFormField,
    kratixYamlTextFormField,
  ],
});
