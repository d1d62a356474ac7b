import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { WhatIfResponse } from '@kratix-backstage/plugin-kratix-common';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../../api';
import { SchedulingPicture, schedulingAfterChange } from '../SchedulingPicture';
import { errorMessage } from '../shared';

/** Workload groups read for the pictures (one page, as the targeting tab shows). */
export const WHAT_IF_PICTURE_GROUPS = 100;

/**
 * A proposed change as the scheduling picture before and after: today's targeting, then the same
 * picture with the what-if applied, Destinations gained / lost and the WorkPlacements that become
 * misplaced marked on both.
 */
export const WhatIfPicture = (props: {
  platform: string;
  promise: string;
  whatIf: WhatIfResponse;
}) => {
  const { platform, promise, whatIf } = props;
  const api = useApi(kratixApiRef);
  const targeting = useAsync(
    () =>
      api.getPromiseTargeting(platform, promise, {
        groupsLimit: WHAT_IF_PICTURE_GROUPS,
      }),
    [api, platform, promise],
  );
  if (targeting.loading) return <Progress />;
  if (targeting.error || !targeting.value) {
    return (
      <Typography variant="body2" color="error">
        {`The before/after picture needs today's targeting, which could not be read: ${errorMessage(
          targeting.error,
        )}`}
      </Typography>
    );
  }
  const before = targeting.value;
  if (before.destinations.length === 0) return null;
  const { after, changes } = schedulingAfterChange(before, whatIf);
  return (
    <Grid container spacing={2} aria-label="What-if before and after">
      <Grid item xs={12}>
        <SchedulingPicture
          title="Before: where the Promise runs now"
          promise={promise}
          destinations={before.destinations}
          workloadGroups={before.workloadGroups}
          workloadGroupsTotal={before.workloadGroupsTotal}
          selector={before.selectors.matchLabels}
          changes={changes}
        />
      </Grid>
      <Grid item xs={12}>
        <SchedulingPicture
          title="After: where it runs with this change"
          promise={promise}
          destinations={after.destinations}
          workloadGroups={after.workloadGroups}
          workloadGroupsTotal={Math.max(
            before.workloadGroupsTotal,
            after.workloadGroups.length,
          )}
          selector={after.selector}
          changes={changes}
        />
      </Grid>
    </Grid>
  );
};
