import { useEffect, useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../api';
import {
  SelectorEditor,
  SelectorRows,
  rowsFromSelectors,
  selectorsFromRows,
  validateRows,
} from '../components/SelectorEditor';
import { errorMessage } from '../components/shared';
import { TemplateSelectors, fromEntries, toEntries } from './formValues';
import { usePromiseOfEntityRef } from './usePromiseOfEntityRef';

/** The field of the template's `promise` parameter (the EntityPicker). */
export const PROMISE_PARAMETER = 'promise';

/**
 * Scaffolder field `KratixDestinationSelectors`: edits a Promise's destinationSelectors with
 * labelled rows, prefilled with the selectors the Promise chosen in the `promise` parameter has
 * today. Its value is the template's shape: one label map per entry.
 */
export const KratixDestinationSelectorsField = (
  props: FieldExtensionComponentProps<TemplateSelectors>,
) => {
  const { formData, onChange, formContext, schema, rawErrors, disabled } =
    props;
  const api = useApi(kratixApiRef);
  const entityRef = formContext?.formData?.[PROMISE_PARAMETER] as
    | string
    | undefined;
  const target = usePromiseOfEntityRef(entityRef);
  const current = useAsync(async () => {
    if (!target.value) return undefined;
    const { platform, promise } = target.value;
    return (await api.getPromise(platform, promise)).promise;
  }, [api, target.value]);
  // Rows as typed (incomplete rows included); undefined until prefilled or given.
  const [rows, setRows] = useState<SelectorRows | undefined>(() =>
    formData?.length ? rowsFromSelectors(toEntries(formData)) : undefined,
  );
  const edit = (next: SelectorRows) => {
    setRows(next);
    onChange(fromEntries(selectorsFromRows(next)));
  };
  const prefill = () => {
    if (current.value) edit(rowsFromSelectors(current.value.selectors.entries));
  };
  useEffect(() => {
    if (rows === undefined && current.value) prefill();
    // Prefill once, when the Promise's selectors arrive and nothing was typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.value]);

  const problems = rows ? validateRows(rows) : [];
  const error = target.error ?? current.error;
  return (
    <FormControl
      fullWidth
      margin="normal"
      error={Boolean(rawErrors?.length) || problems.length > 0}
    >
      <Typography variant="subtitle1">
        {schema.title ?? 'Destination selectors'}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {schema.description}
        </Typography>
      )}
      {!entityRef && (
        <Typography variant="body2">Choose a Promise first.</Typography>
      )}
      {error && (
        <Typography variant="body2" color="error">
          {`The Promise's current selectors could not be read: ${errorMessage(
            error,
          )}`}
        </Typography>
      )}
      {entityRef && !error && (target.loading || current.loading) && (
        <Progress />
      )}
      {current.value && (
        <Box display="flex" alignItems="center" mb={1} style={{ gap: 12 }}>
          <Typography variant="body2" color="textSecondary">
            {`Prefilled with the selectors Promise ${current.value.name} has today.`}
          </Typography>
          <Button size="small" onClick={prefill} disabled={disabled}>
            Reset to the current selectors
          </Button>
        </Box>
      )}
      {(rows || error) && (
        <SelectorEditor
          value={rows ?? []}
          onChange={edit}
          disabled={disabled}
        />
      )}
      {problems.map(p => (
        <FormHelperText key={p}>{p}</FormHelperText>
      ))}
    </FormControl>
  );
};

/** Validation: at least one entry (one with no labels selects every Destination). */
export function validateTemplateSelectors(
  data: TemplateSelectors | undefined,
  field: { addError: (message: string) => void },
) {
  if (!Array.isArray(data) || data.length === 0) {
    field.addError(
      'Add at least one selector entry (an entry without labels selects every Destination)',
    );
  }
}
