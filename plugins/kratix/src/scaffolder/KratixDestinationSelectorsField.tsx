import { useEffect, useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import { kratixApiRef } from '../api';
import { useKratixRead } from '../hooks/useKratixRead';
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
import {
  PrefillBaseline,
  changedUnderEdit,
  prefillAction,
  sameSelectors,
} from './selectorsPrefill';

/** The field of the template's `promise` parameter (the EntityPicker). */
export const PROMISE_PARAMETER = 'promise';

/**
 * Where each field's rows came from, kept across the field's unmount: going back to an earlier
 * step unmounts it, and the form data it comes back with may belong to another Promise.
 */
const baselines = new Map<string, PrefillBaseline>();

const describeSelectors = (
  entries: readonly { matchLabels?: Record<string, string> }[],
) =>
  entries
    .map(
      e =>
        Object.entries(e.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '(no labels: every Destination)',
    )
    .join('; ') || '(none)';

/**
 * Scaffolder field `KratixDestinationSelectors`: edits a Promise's destinationSelectors with
 * labelled rows, prefilled with the selectors the Promise chosen in the `promise` parameter has
 * today. It follows the platform while the form is open: unedited rows take the Promise's new
 * selectors, an edit is kept with a warning; choosing another Promise prefills again. Its value
 * is the template's shape: one label map per entry.
 */
export const KratixDestinationSelectorsField = (
  props: FieldExtensionComponentProps<TemplateSelectors>,
) => {
  const {
    formData,
    onChange,
    formContext,
    schema,
    rawErrors,
    disabled,
    idSchema,
  } = props;
  const fieldId = idSchema?.$id ?? 'destinationSelectors';
  const api = useApi(kratixApiRef);
  const entityRef = formContext?.formData?.[PROMISE_PARAMETER] as
    | string
    | undefined;
  const target = usePromiseOfEntityRef(entityRef);
  const current = useKratixRead(
    async () => {
      if (!target.value) return undefined;
      const { platform, promise } = target.value;
      return (await api.getPromise(platform, promise)).promise;
    },
    [api, target.value],
    { live: target.value?.platform },
  );
  const promiseKey = target.value
    ? `${target.value.platform}/${target.value.promise}`
    : undefined;
  // The read answers for the chosen Promise (not one chosen before).
  const currentEntries =
    promiseKey && current.value?.name === target.value?.promise
      ? current.value?.selectors.entries
      : undefined;
  // Rows as typed (incomplete rows included); undefined until prefilled or given.
  const [rows, setRows] = useState<SelectorRows | undefined>(() =>
    formData?.length ? rowsFromSelectors(toEntries(formData)) : undefined,
  );
  const [baseline, setBaselineState] = useState<PrefillBaseline | undefined>(
    () => (formData?.length ? baselines.get(fieldId) : undefined),
  );
  const [notice, setNotice] = useState<string>();
  const setBaseline = (next: PrefillBaseline) => {
    baselines.set(fieldId, next);
    setBaselineState(next);
  };
  const edit = (next: SelectorRows) => {
    setRows(next);
    onChange(fromEntries(selectorsFromRows(next)));
  };
  const prefill = () => {
    if (!currentEntries || !promiseKey) return;
    edit(rowsFromSelectors(currentEntries));
    setBaseline({ promiseKey, entries: currentEntries });
    setNotice(undefined);
  };
  const typed = rows ? selectorsFromRows(rows) : undefined;
  useEffect(() => {
    if (!currentEntries || !promiseKey) return;
    const name = target.value!.promise;
    const action = prefillAction({
      typed,
      baseline,
      promiseKey,
      current: currentEntries,
    });
    if (action === 'keep') {
      if (!baseline && typed && sameSelectors(typed, currentEntries))
        setBaseline({ promiseKey, entries: currentEntries });
      return;
    }
    prefill();
    if (action === 'prefill-other-promise')
      setNotice(
        `Another Promise was chosen: the selectors are now those of Promise ${name}.`,
      );
    if (action === 'follow')
      setNotice(
        `Promise ${name}'s selectors changed on the platform at ${new Date().toLocaleTimeString()}; nothing here was edited, so the form took the new ones.`,
      );
    // Runs when the Promise (or what it has on the platform) changes, not on each edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [promiseKey, JSON.stringify(currentEntries)]);

  const stale =
    !!currentEntries &&
    !!promiseKey &&
    changedUnderEdit({ typed, baseline, promiseKey, current: currentEntries });
  const matchesCurrent =
    !!currentEntries && !!typed && sameSelectors(typed, currentEntries);
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
      {currentEntries && typed && (
        <Box display="flex" alignItems="center" mb={1} style={{ gap: 12 }}>
          <Typography
            variant="body2"
            color={stale ? 'error' : 'textSecondary'}
            role={stale ? 'alert' : undefined}
          >
            {stale &&
              `Promise ${
                current.value!.name
              }'s selectors changed on the platform since this form was filled; your edit is kept. Today they are: ${describeSelectors(
                currentEntries,
              )}.`}
            {!stale &&
              matchesCurrent &&
              `Prefilled with the selectors Promise ${
                current.value!.name
              } has today.`}
            {!stale &&
              !matchesCurrent &&
              `Edited. Promise ${
                current.value!.name
              } has today: ${describeSelectors(currentEntries)}.`}
          </Typography>
          <Button size="small" onClick={prefill} disabled={disabled}>
            Reset to the current selectors
          </Button>
        </Box>
      )}
      {notice && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {notice}
        </Typography>
      )}
      {(rows || error) && (
        <SelectorEditor
          value={rows ?? []}
          onChange={next => {
            // The notice was about the last prefill; what the user types now is an edit.
            setNotice(undefined);
            edit(next);
          }}
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
