import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { KratixErrorPanel, errorMessage, errorStatus } from '../shared';

export const CONFLICT_TEXT = 'This Promise changed since you loaded it';

/** A failed update: 409 (changed since loaded, with Reload), 400 (invalid), or any error. */
export const UpdateFailure = (props: {
  error: Error;
  onReload: () => void;
}) => {
  const { error, onReload } = props;
  const status = errorStatus(error);
  if (status === 409) {
    return (
      <WarningPanel severity="warning" title={CONFLICT_TEXT} defaultExpanded>
        <Box>
          <Typography variant="body2" gutterBottom>
            {`${errorMessage(
              error,
            )}. Reload it to see the current spec, then make your change again.`}
          </Typography>
          <Button variant="outlined" onClick={onReload}>
            Reload
          </Button>
        </Box>
      </WarningPanel>
    );
  }
  if (status === 400) {
    return (
      <WarningPanel
        severity="error"
        title="The Kubernetes API server rejected the change"
        message={errorMessage(error)}
        defaultExpanded
      />
    );
  }
  return <KratixErrorPanel error={error} />;
};
