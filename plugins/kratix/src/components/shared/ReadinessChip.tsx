import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { Readiness } from '@kratix-backstage/plugin-kratix-common';

/** Text for a readiness Kratix does not report (said once per page, see UnknownReadinessNote). */
export const UNKNOWN_READINESS_TEXT = 'not reported by this Kratix version';

/** A Ready condition: True / False / Unknown, with its message underneath. */
export const ReadinessChip = (props: {
  ready: Readiness;
  message?: string;
  reason?: string;
}) => {
  const { ready, reason } = props;
  const theme = useTheme();
  const message = props.message || reason;
  let style: { backgroundColor: string; color: string } | undefined;
  if (ready === 'True') {
    style = {
      backgroundColor: theme.palette.success.main,
      color: theme.palette.success.contrastText,
    };
  } else if (ready === 'False') {
    style = {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
    };
  }
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

/** One line for a table where some readiness is Unknown without a message. */
export const UnknownReadinessNote = (props: { show: boolean }) =>
  props.show ? (
    <Typography variant="caption" color="textSecondary" display="block">
      {`Unknown: ${UNKNOWN_READINESS_TEXT}.`}
    </Typography>
  ) : null;
