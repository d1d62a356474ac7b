import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { PlatformSummary } from '@kratix-backstage/plugin-kratix-common';

const Status = ({ platform }: { platform: PlatformSummary }) => {
  const { palette } = useTheme();
  if (platform.connected) {
    return (
      <Chip
        size="small"
        label="connected"
        style={{
          backgroundColor: palette.success.main,
          color: palette.success.contrastText,
        }}
      />
    );
  }
  const since = platform.disconnectedSince
    ? ` since ${platform.disconnectedSince}`
    : '';
  return (
    <>
      <Chip
        size="small"
        label={platform.synced ? 'unreachable' : 'not available'}
        style={{
          backgroundColor: palette.error.main,
          color: palette.error.contrastText,
        }}
      />
      {platform.error && (
        <Typography variant="caption" color="error">
          {`${platform.error}${since}`}
        </Typography>
      )}
    </>
  );
};

/** Chooses the Kratix platform (a select only when there are several) and shows its status. */
export const PlatformPicker = (props: {
  platforms: PlatformSummary[];
  value: string;
  onChange: (name: string) => void;
}) => {
  const { platforms, value, onChange } = props;
  const current = platforms.find(p => p.name === value);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={2}>
      {platforms.length > 1 ? (
        <TextField
          select
          size="small"
          variant="outlined"
          label="Platform"
          value={value}
          onChange={e => onChange(e.target.value)}
          style={{ minWidth: 200 }}
          SelectProps={{
            SelectDisplayProps: { 'aria-label': 'Platform' } as any,
          }}
        >
          {platforms.map(p => (
            <MenuItem key={p.name} value={p.name}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <Typography variant="h6">{`Platform ${value}`}</Typography>
      )}
      {current && <Status platform={current} />}
      {current && (
        <Typography variant="body2" color="textSecondary">
          {`${current.counts.promises} Promises · ${current.counts.destinations} Destinations · ${current.counts.workPlacements} WorkPlacements · ${current.counts.misplaced} misplaced`}
        </Typography>
      )}
    </Box>
  );
};
