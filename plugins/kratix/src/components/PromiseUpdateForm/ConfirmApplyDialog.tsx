import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import type {
  PromiseUpdateResponse,
  WhatIfWorkPlacementRef,
} from '@kratix-backstage/plugin-kratix-common';
import type { PromisePreviewResponse } from '../../api';
import { errorMessage } from '../shared';

/** WorkPlacements listed by name in the dialog; the rest are counted. */
const MAX_LISTED = 20;

export interface ApplyConsequences {
  destinationsLost: string[];
  /** WorkPlacements Kratix labels misplaced (kept, files still written) after the change. */
  misplaced: WhatIfWorkPlacementRef[];
  /** How many become misplaced in all (the what-if may list fewer groups than it counts). */
  misplacedTotal: number;
}

/** What the what-if says the change costs: Destinations lost, WorkPlacements made misplaced. */
export function consequencesOf(
  whatIf: PromisePreviewResponse,
  promise: string,
): ApplyConsequences {
  const lost = new Set<string>();
  for (const p of whatIf.promises) {
    if (p.promise === promise) p.destinationsLost.forEach(d => lost.add(d));
  }
  const seen = new Set<string>();
  const misplaced: WhatIfWorkPlacementRef[] = [];
  for (const g of whatIf.groups) {
    for (const wp of [
      ...g.workPlacementsMisplaced,
      ...g.resourcesOnExcludedDestinations,
    ]) {
      const key = `${wp.namespace}/${wp.name}`;
      if (!seen.has(key)) {
        seen.add(key);
        misplaced.push(wp);
      }
    }
  }
  const counted =
    whatIf.summary.workPlacementsMisplaced +
    whatIf.summary.resourcesOnExcludedDestinations;
  return {
    destinationsLost: [...lost].sort(),
    misplaced,
    misplacedTotal: Math.max(counted, misplaced.length),
  };
}

/**
 * Asks before applying a Promise change, naming what the what-if says it costs: the Destinations
 * the Promise loses and the WorkPlacements that become misplaced.
 */
export const ConfirmApplyDialog = (props: {
  promise: string;
  dryRun: PromiseUpdateResponse;
  whatIf?: { value?: PromisePreviewResponse; error?: Error };
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) => {
  const { promise, dryRun, whatIf, busy } = props;
  const c = whatIf?.value ? consequencesOf(whatIf.value, promise) : undefined;
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby="kratix-apply-title">
      <DialogTitle id="kratix-apply-title">{`Apply this change to Promise ${promise}?`}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {dryRun.effects.message}
        </Typography>
        {!c && (
          <Typography variant="body2" color="error" gutterBottom>
            {whatIf?.error
              ? `The what-if preview failed (${errorMessage(
                  whatIf.error,
                )}): what the change does to placements is not known.`
              : 'The what-if preview has not answered yet: what the change does to placements is not known.'}
          </Typography>
        )}
        {c && (
          <>
            <Box mt={1}>
              <Typography variant="subtitle2">Destinations lost</Typography>
              <Typography variant="body2" aria-label="Destinations lost">
                {c.destinationsLost.length
                  ? c.destinationsLost.join(', ')
                  : 'none'}
              </Typography>
            </Box>
            <Box mt={1}>
              <Typography variant="subtitle2">
                {`WorkPlacements that become misplaced (${c.misplacedTotal})`}
              </Typography>
              {c.misplacedTotal === 0 ? (
                <Typography variant="body2">none</Typography>
              ) : (
                <Box
                  component="ul"
                  m={0}
                  pl={3}
                  aria-label="WorkPlacements that become misplaced"
                >
                  {c.misplaced.slice(0, MAX_LISTED).map(wp => (
                    <li key={`${wp.namespace}/${wp.name}`}>
                      <Typography variant="body2">
                        {`${wp.namespace}/${wp.name} on ${wp.destination}`}
                      </Typography>
                    </li>
                  ))}
                  {c.misplacedTotal >
                    Math.min(c.misplaced.length, MAX_LISTED) && (
                    <li>
                      <Typography variant="body2">
                        {`and ${
                          c.misplacedTotal -
                          Math.min(c.misplaced.length, MAX_LISTED)
                        } more`}
                      </Typography>
                    </li>
                  )}
                </Box>
              )}
              {c.misplacedTotal > 0 && (
                <Typography variant="caption" color="textSecondary">
                  Kratix keeps them (their files stay written) until they are
                  cleaned up in the Misplaced tab.
                </Typography>
              )}
            </Box>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="primary"
          onClick={props.onConfirm}
          disabled={busy}
        >
          Apply change
        </Button>
      </DialogActions>
    </Dialog>
  );
};
