import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  KratixDestinationSelectorsField,
  validateTemplateSelectors,
} from './KratixDestinationSelectorsField';
import { KratixPromiseWhatIfField } from './KratixPromiseWhatIfField';
import { KratixYamlTextField } from './KratixYamlTextField';

/** What both frontend systems need of a field (no JSON schema: the template gives it). */
type FieldDefinition = Pick<
  FieldExtensionOptions<any, any>,
  'name' | 'component' | 'validation'
>;

/** `ui:field: KratixDestinationSelectors` */
export const destinationSelectorsField: FieldDefinition = {
  name: 'KratixDestinationSelectors',
  component: KratixDestinationSelectorsField,
  validation: validateTemplateSelectors,
};

/** `ui:field: KratixPromiseWhatIf` */
export const promiseWhatIfField: FieldDefinition = {
  name: 'KratixPromiseWhatIf',
  component: KratixPromiseWhatIfField,
};

/** `ui:field: KratixYamlText` */
export const yamlTextField: FieldDefinition = {
  name: 'KratixYamlText',
  component: KratixYamlTextField,
};
