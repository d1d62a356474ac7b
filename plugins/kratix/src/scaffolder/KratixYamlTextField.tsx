import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';

/**
 * Scaffolder field `KratixYamlText`: a multi-line, monospaced text field for YAML (sized with
 * `minRows`, MUI's current prop; the default textarea widget passes the deprecated `rows`).
 * `ui:options.minRows` sets its height (default 8).
 */
export const KratixYamlTextField = (
  props: FieldExtensionComponentProps<string, { minRows?: number }>,
) => {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    disabled,
    idSchema,
  } = props;
  return (
    <TextField
      id={idSchema?.$id}
      fullWidth
      multiline
      margin="normal"
      variant="outlined"
      minRows={uiSchema?.['ui:options']?.minRows ?? 8}
      label={schema.title}
      helperText={schema.description}
      value={formData ?? ''}
      disabled={disabled}
      error={Boolean(rawErrors?.length)}
      onChange={e => onChange(e.target.value || undefined)}
      inputProps={{ style: { fontFamily: 'monospace' }, spellCheck: false }}
    />
  );
};
