import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { DeletePermission } from '../../hooks/useDeletePermission';

const notAllowed = (promises: string[]) =>
  `You are not allowed to delete WorkPlacements of Promise ${promises.join(
    ', ',
  )} (permission kratix.workplacement.delete)`;

/** Why a cleanup action is disabled, or undefined when it is enabled. */
function whyDisabled(checks: Array<[boolean, string]>): string | undefined {
  return checks.find(([failed]) => failed)?.[1];
}

const Action = (props: {
  label: string;
  reason?: string;
  onClick: () => void;
}) => {
  const reasonId = useId();
  return (
    <Box display="flex" flexDirection="column" maxWidth={320}>
      <Box>
        <Button
          variant="contained"
          color="secondary"
          disabled={Boolean(props.reason)}
          onClick={props.onClick}
          aria-describedby={props.reason ? reasonId : undefined}
        >
          {props.label}
        </Button>
      </Box>
      {props.reason && (
        <Typography
          id={reasonId}
          variant="caption"
          color="textSecondary"
          data-testid="cleanup-disabled-reason"
        >
          {props.reason}
        </Typography>
      )}
    </Box>
  );
};

/** The "Clean up" buttons of the misplaced table, disabled with the reason written under them. */
export const CleanupActions = (props: {
  selectedCount: number;
  total: number;
  scopePromise?: string;
  /** "all" is limited to this Destination (the list's filter). */
  scopeDestination?: string;
  stale: boolean;
  scopePermission: DeletePermission;
  selectionPermission: DeletePermission;
  onCleanupSelected: () => void;
  onCleanupAll: () => void;
  onClearSelection: () => void;
}) => {
  const {
    selectedCount,
    scopePromise,
    scopePermission: scope,
    selectionPermission: sel,
  } = props;
  const staleText =
    'The platform is unreachable: nothing can be cleaned up now';
  const selectedReason = whyDisabled([
    [props.stale, staleText],
    [Boolean(scopePromise) && scope.loading, 'Checking your permission…'],
    [
      Boolean(scopePromise) && !scope.allowed,
      notAllowed(scope.denied.length ? scope.denied : [scopePromise!]),
    ],
    [
      selectedCount === 0,
      'Select the misplaced WorkPlacements to clean up first',
    ],
    [sel.loading, 'Checking your permission…'],
    [!sel.allowed, notAllowed(sel.denied)],
  ]);
  const allReason = whyDisabled([
    [props.stale, staleText],
    [
      !scopePromise,
      'Pick a Promise to clean up all of its misplaced WorkPlacements',
    ],
    [scope.loading, 'Checking your permission…'],
    [!scope.allowed, notAllowed([scopePromise!])],
    [props.total === 0, 'Nothing is misplaced'],
  ]);
  return (
    <Box display="flex" alignItems="flex-start" mb={2} style={{ gap: 12 }}>
      <Action
        label={selectedCount ? `Clean up (${selectedCount})` : 'Clean up'}
        reason={selectedReason}
        onClick={props.onCleanupSelected}
      />
      <Action
        label={
          props.scopeDestination
            ? `Clean up all misplaced on ${props.scopeDestination}`
            : 'Clean up all misplaced'
        }
        reason={allReason}
        onClick={props.onCleanupAll}
      />
      {selectedCount > 0 && (
        <Typography variant="body2">
          {`${selectedCount} selected · `}
          <Button size="small" onClick={props.onClearSelection}>
            Clear selection
          </Button>
        </Typography>
      )}
    </Box>
  );
};
