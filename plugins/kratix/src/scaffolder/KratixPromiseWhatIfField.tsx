import { useEffect } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../api';
import { WhatIfPicture } from '../components/WhatIfPicture';
import { WhatIfPreview } from '../components/WhatIfPreview';
import { errorMessage } from '../components/shared';
import { TemplateSelectors, parseDependencies, toEntries } from './formValues';
import { PROMISE_PARAMETER } from './KratixDestinationSelectorsField';
import { usePromiseOfEntityRef } from './usePromiseOfEntityRef';
import { whatIfSummary } from './whatIfSummary';

/**
 * Scaffolder field `KratixPromiseWhatIf`: before "Create", what Kratix will do with the change
 * entered in the earlier steps (`promise`, `destinationSelectors`, `dependencies`): the what-if
 * summary and the scheduling picture before / after. Its value is a one-line summary, which the
 * review step lists.
 */
export const KratixPromiseWhatIfField = (
  props: FieldExtensionComponentProps<string>,
) => {
  const { onChange, formContext, schema } = props;
  const api = useApi(kratixApiRef);
  const values = formContext?.formData ?? {};
  const target = usePromiseOfEntityRef(values[PROMISE_PARAMETER]);
  const selectors = values.destinationSelectors as
    | TemplateSelectors
    | undefined;
  const dependencies = values.dependencies as string | undefined;
  const preview = useAsync(async () => {
    if (!target.value || !selectors) return undefined;
    const deps = parseDependencies(dependencies);
    if ('error' in deps) throw new Error(`Dependencies: ${deps.error}`);
    return api.previewPromise(target.value.platform, target.value.promise, {
      specPatch: {
        destinationSelectors: toEntries(selectors),
        ...(deps.value ? { dependencies: deps.value } : {}),
      },
    });
    // The inputs as text: a new object from the form with the same content asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, target.value, JSON.stringify(selectors), dependencies]);
  useEffect(() => {
    if (preview.value) onChange(whatIfSummary(preview.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview.value]);

  const error = target.error ?? preview.error;
  return (
    <Box mt={2}>
      <Typography variant="subtitle1">
        {schema.title ?? 'What Kratix will do'}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {schema.description}
        </Typography>
      )}
      {error && (
        <Typography variant="body2" color="error">
          {`The what-if preview failed: ${errorMessage(error)}`}
        </Typography>
      )}
      {!error && (target.loading || preview.loading) && <Progress />}
      {preview.value && target.value && (
        <>
          <Typography variant="body2" gutterBottom aria-label="What-if summary">
            {whatIfSummary(preview.value)}
          </Typography>
          <WhatIfPreview value={preview.value} />
          <Box mt={2}>
            <WhatIfPicture
              platform={target.value.platform}
              promise={target.value.promise}
              whatIf={preview.value}
            />
          </Box>
        </>
      )}
    </Box>
  );
};
