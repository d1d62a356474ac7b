import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useNow } from '../../hooks/useLiveRevision';

/** "updated 12 s ago", "updated 3 min ago". */
export function formatUpdated(updatedAt: number, now: number): string {
  const s = Math.max(0, Math.round((now - updatedAt) / 1000));
  if (s < 60) return `Updated ${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `Updated ${m} min ago`;
  return `Updated ${Math.floor(m / 60)} h ago`;
}

/**
 * When the shown data was read and a refresh button. The view also follows the backend's watch
 * cache by itself (it reads again when something changes on the platform).
 */
export const LiveStatus = (props: {
  updatedAt?: number;
  loading?: boolean;
  onRefresh: () => void;
  /** False once the view stopped following (e.g. every re-run it waited for has finished). */
  following?: boolean;
}) => {
  const now = useNow();
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <Typography
        variant="caption"
        color="textSecondary"
        aria-live="polite"
        data-testid="kratix-live-status"
      >
        {props.loading && props.updatedAt === undefined && 'Loading…'}
        {props.loading && props.updatedAt !== undefined && 'Updating…'}
        {!props.loading &&
          props.updatedAt !== undefined &&
          `${formatUpdated(props.updatedAt, now)}${
            props.following === false ? '' : ' · follows the platform live'
          }`}
      </Typography>
      {/* A native title: MUI v4's Tooltip calls findDOMNode (a warning in StrictMode). */}
      <IconButton
        size="small"
        aria-label="Refresh"
        title="Read again now"
        disabled={props.loading}
        onClick={props.onRefresh}
      >
        <RefreshIcon fontSize="small" />
      </IconButton>
    </Box>
  );
};
