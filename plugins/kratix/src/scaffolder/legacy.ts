import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { kratixPlugin } from '../plugin';
import {
  destinationSelectorsField,
  promiseWhatIfField,
  yamlTextField,
} from './fields';

/**
 * Scaffolder field `KratixDestinationSelectors` for the legacy frontend system: put it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder route.
 *
 * @public
 */
export const KratixDestinationSelectorsFieldExtension = kratixPlugin.provide(
  createScaffolderFieldExtension(destinationSelectorsField),
);

/**
 * Scaffolder field `KratixPromiseWhatIf` (legacy frontend system).
 *
 * @public
 */
export const KratixPromiseWhatIfFieldExtension = kratixPlugin.provide(
  createScaffolderFieldExtension(promiseWhatIfField),
);

/**
 * Scaffolder field `KratixYamlText` (legacy frontend system).
 *
 * @public
 */
export const KratixYamlTextFieldExtension = kratixPlugin.provide(
  createScaffolderFieldExtension(yamlTextField),
);
