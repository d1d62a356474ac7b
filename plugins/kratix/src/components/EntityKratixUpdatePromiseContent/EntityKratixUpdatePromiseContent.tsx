import { useState } from 'react';
import { Link, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { PromiseUpdateResponse } from '@kratix-backstage/plugin-kratix-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { kratixApiRef } from '../../api';
import { useKratixEntityLinks } from '../../hooks/useKratixEntityLinks';
import { DiffView } from '../DiffView';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { PromiseUpdateForm } from '../PromiseUpdateForm';
import { WorkflowRerunsPanel } from '../EntityKratixWorkflowsContent';
import { KratixErrorPanel } from '../shared';

const UpdateView = ({ platform, promise }: KratixPromiseRef) => {
  const api = useApi(kratixApiRef);
  const [applied, setApplied] = useState<PromiseUpdateResponse>();
  const links = useKratixEntityLinks(platform);
  const misplacedTab = links.misplaced(promise);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    // The summary (resourceVersion, generation, selectors) and the whole spec; an older backend
    // without the manifest route still allows editing selectors and merge patches.
    const [summary, manifest] = await Promise.all([
      api.getPromise(platform, promise),
      api.getPromiseManifest(platform, promise).then(
        m => ({ spec: m.spec, specError: undefined }),
        (e: Error) => ({ spec: undefined, specError: e }),
      ),
    ]);
    return { ...summary, ...manifest };
  }, [api, platform, promise]);
  if (loading && !value) return <Progress />;
  if (error) return <KratixErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      {applied && (
        <Grid item xs={12}>
          <WarningPanel
            severity="info"
            title={`Applied: Promise ${applied.promise} updated`}
            message={applied.effects.message}
            defaultExpanded
          >
            <Box width="100%">
              {misplacedTab && (
                <Typography variant="body2" gutterBottom>
                  <Link to={misplacedTab}>
                    See its misplaced WorkPlacements
                  </Link>{' '}
                  (the Misplaced tab follows Kratix live: it fills as Kratix
                  marks them, usually within seconds)
                </Typography>
              )}
              <DiffView diff={applied.diff} />
            </Box>
          </WarningPanel>
        </Grid>
      )}
      {applied?.appliedAt &&
        (applied.effects.promiseWorkflowRerun ||
          applied.effects.resourceWorkflowsRerun > 0) && (
          <Grid item xs={12}>
            <WorkflowRerunsPanel
              // A second apply follows its own re-runs.
              key={applied.appliedAt}
              applied={{ ...applied, appliedAt: applied.appliedAt }}
              workflowsTab={links.workflows(promise)}
            />
          </Grid>
        )}
      <Grid item xs={12}>
        <PromiseUpdateForm
          // A reload (new resourceVersion) starts the form again from the loaded spec.
          key={value.promise.resourceVersion}
          platform={platform}
          promise={value.promise}
          spec={value.spec}
          specError={value.specError}
          onApplied={result => {
            setApplied(result);
            retry();
          }}
          onReload={() => {
            setApplied(undefined);
            retry();
          }}
        />
      </Grid>
    </Grid>
  );
};

/**
 * Entity tab of a Kratix Promise: change its destinationSelectors (or, as YAML, any spec
 * field), preview the change with a server-side dry run and apply it.
 *
 * @public
 */
export const EntityKratixUpdatePromiseContent = () => (
  <KratixPromiseScope>{ref => <UpdateView {...ref} />}</KratixPromiseScope>
);
