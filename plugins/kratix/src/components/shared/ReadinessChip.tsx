import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { Readiness } from '@kratix-backstage/plugin-kratix-common';

/** Text for a readiness Kratix does not report. */
export const UNKNOWN_READINESS_TEXT = 'not reported by this Kratix version';

const STYLES: Record<
  Readiness,
  { backgroundColor: string; color: string } | undefined
> = {
  True: { backgroundColor: '#2e7d32', color: '#fff' },
  False: { backgroundColor: '#c62828', color: '#fff' },
  Unknown: undefined,
};

/** A Ready condition: True / False / Unknown, with its message underneath. */
export const ReadinessChip = (props: {
  ready: Readiness;
  message?: string;
  reason?: string;
}) => {
  const { ready, reason } = props;
  const message =
    props.message ||
    reason ||
    (ready === 'Unknown' ? UNKNOWN_READINESS_TEXT : undefined);
  const style = STYLES[ready];
  return (
    <Box>
      <Chip size="small" label={ready} style={style} />
      {message && (
        <Typography variant="caption" color="textSecondary" display="block">
          {message}
        </Typography>
      )}
    </Box>
  );
};
