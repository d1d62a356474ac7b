import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { WorkflowRun } from '@kratix-backstage/plugin-kratix-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../../api';
import { KratixErrorPanel } from '../shared';

/** The tail of one container's log of a run. */
export const WorkflowLogDialog = (props: {
  platform: string;
  promise: string;
  run: WorkflowRun;
  container: string;
  onClose: () => void;
}) => {
  const { platform, promise, run, container, onClose } = props;
  const api = useApi(kratixApiRef);
  const { value, loading, error } = useAsync(
    () => api.readWorkflowLog(platform, promise, run, container),
    [api, platform, promise, run.id, container],
  );
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        Log of {container} ({run.jobName})
      </DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <KratixErrorPanel error={error} />}
        {value && value.previous && (
          <Typography variant="body2" color="textSecondary">
            The container is waiting to run again; this is the log of its last
            run.
          </Typography>
        )}
        {value && value.lines.length === 0 && (
          <Typography variant="body2">
            The container has written no log (yet).
          </Typography>
        )}
        {value && value.lines.length > 0 && (
          <pre
            data-testid="workflow-log"
            style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}
          >
            {value.lines.join('\n')}
          </pre>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
