import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { errorMessage, errorStatus } from './format';

/**
 * A failed backend call, titled with the backend's own message (e.g. why the platform is
 * unreachable). For a 503, `onShowStale` offers the last known state instead.
 */
export const KratixErrorPanel = (props: {
  error: Error;
  onShowStale?: () => void;
}) => {
  const { error, onShowStale } = props;
  const status = errorStatus(error);
  return (
    <Box>
      <ResponseErrorPanel
        error={error}
        title={
          status ? `${status}: ${errorMessage(error)}` : errorMessage(error)
        }
      />
      {status === 503 && onShowStale && (
        <Box mt={1}>
          <Button variant="outlined" onClick={onShowStale}>
            Show last known state
          </Button>
        </Box>
      )}
    </Box>
  );
};
