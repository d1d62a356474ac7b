import { useState } from 'react';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  CleanupItemResult,
  CleanupPreflightItem,
  CleanupResponse,
  CleanupSelection,
} from '@kratix-backstage/plugin-kratix-common';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../../api';
import { CleanupPreflightList } from '../CleanupPreflightList';
import { CleanupResultList, summaryText } from '../CleanupResultList';
import { KratixErrorPanel } from '../shared';

/** Above this many deletions the user types the confirmation word. */
export const CONFIRM_THRESHOLD = 5;

export interface CleanupDialogProps {
  platform: string;
  selection: CleanupSelection;
  /** What the user types to confirm a large cleanup (the Promise name). */
  confirmWord: string;
  /** `changed` when a cleanup ran (the list should be re-read). */
  onClose: (changed: boolean) => void;
}

/**
 * Explicit items carry the uid and spec generation the preflight saw, so the backend refuses a
 * WorkPlacement that was replaced or whose spec changed since the user reviewed it (not the
 * resourceVersion: current Kratix re-stamps WorkPlacement annotations every few seconds).
 */
function withExpectedVersions(
  selection: CleanupSelection,
  preflightItems: CleanupPreflightItem[],
): CleanupSelection {
  if (!selection.items) return selection;
  const seen = new Map(
    preflightItems.flatMap(i =>
      i.found
        ? [
            [
              `${i.namespace}/${i.name}`,
              { uid: i.uid, generation: i.generation },
            ] as const,
          ]
        : [],
    ),
  );
  return {
    ...selection,
    items: selection.items.map(i => ({
      ...i,
      ...seen.get(`${i.namespace}/${i.name}`),
    })),
  };
}

type Run =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; response: CleanupResponse }
  | { state: 'failed'; error: Error };

/**
 * Cleans up misplaced WorkPlacements: shows the preflight of the selection, asks for
 * confirmation (typed above {@link CONFIRM_THRESHOLD} deletions), streams the cleanup with a
 * progress bar and shows each result.
 */
export const CleanupDialog = (props: CleanupDialogProps) => {
  const { platform, selection, confirmWord, onClose } = props;
  const api = useApi(kratixApiRef);
  const preflight = useAsync(
    () => api.cleanupPreflight(platform, selection),
    [api, platform, selection],
  );
  const [force, setForce] = useState(false);
  const [typed, setTyped] = useState('');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [results, setResults] = useState<CleanupItemResult[]>([]);

  const p = preflight.value;
  const toDelete = p ? p.deletable + (force ? p.blocked : 0) : 0;
  const total = p?.items.length ?? 0;
  const needsConfirm = toDelete > CONFIRM_THRESHOLD;
  const confirmed = !needsConfirm || typed.trim() === confirmWord;
  const started = run.state !== 'idle';

  const start = async () => {
    setRun({ state: 'running' });
    setResults([]);
    try {
      const response = await api.cleanupWithProgress(
        platform,
        { ...withExpectedVersions(selection, p?.items ?? []), force },
        result => setResults(prev => [...prev, result]),
      );
      setResults(response.results);
      setRun({ state: 'done', response });
    } catch (e) {
      setRun({ state: 'failed', error: e as Error });
    }
  };

  let body;
  if (preflight.loading) {
    body = <Progress />;
  } else if (preflight.error) {
    body = <KratixErrorPanel error={preflight.error} />;
  } else if (p && !started) {
    body = (
      <>
        <Typography variant="body2" gutterBottom>
          {`${p.items.length} WorkPlacement${
            p.items.length === 1 ? '' : 's'
          } selected: ${p.deletable} can be deleted, ${p.blocked} blocked.`}
        </Typography>
        <CleanupPreflightList items={p.items} force={force} />
        {p.blocked > 0 && (
          <FormControlLabel
            control={
              <Checkbox
                checked={force}
                onChange={e => setForce(e.target.checked)}
              />
            }
            label={`Force blocked items (${p.blocked}): delete them anyway; each delete waits on its finalizer`}
          />
        )}
        {needsConfirm && (
          <Box mt={2}>
            <TextField
              fullWidth
              variant="outlined"
              size="small"
              label={`Type ${confirmWord} to delete ${toDelete} WorkPlacements`}
              value={typed}
              onChange={e => setTyped(e.target.value)}
              inputProps={{ 'aria-label': 'Confirmation' }}
            />
          </Box>
        )}
      </>
    );
  } else {
    const done = run.state === 'done' ? run.response.summary : undefined;
    body = (
      <>
        <Typography variant="body2" gutterBottom>
          {done
            ? `Cleanup finished: ${summaryText(done)}.`
            : `Cleaning up: ${results.length} of ${total} done`}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={total ? Math.min(100, (results.length / total) * 100) : 100}
          aria-label="Cleanup progress"
        />
        {run.state === 'failed' && (
          <Box mt={2}>
            <WarningPanel severity="error" title="The cleanup stopped">
              {run.error.message}
            </WarningPanel>
          </Box>
        )}
        <CleanupResultList results={results} />
      </>
    );
  }

  return (
    <Dialog
      open
      onClose={() => run.state !== 'running' && onClose(started)}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle>
        {selection.all
          ? `Clean up all misplaced WorkPlacements of ${selection.promise}`
          : 'Clean up misplaced WorkPlacements'}
      </DialogTitle>
      <DialogContent dividers>{body}</DialogContent>
      <DialogActions>
        {!started ? (
          <>
            <Button onClick={() => onClose(false)}>Cancel</Button>
            <Button
              color="secondary"
              variant="contained"
              disabled={!p || toDelete === 0 || !confirmed}
              onClick={start}
            >
              {`Delete ${toDelete} WorkPlacement${toDelete === 1 ? '' : 's'}`}
            </Button>
          </>
        ) : (
          <Button
            variant="contained"
            disabled={run.state === 'running'}
            onClick={() => onClose(true)}
          >
            Close
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
