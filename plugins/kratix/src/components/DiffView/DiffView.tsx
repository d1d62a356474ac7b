import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Theme, alpha, useTheme } from '@material-ui/core/styles';
import type { CSSProperties } from 'react';

/** Theme colours (light and dark) of a diff line by its first characters. */
const colorOf = (theme: Theme, line: string): CSSProperties => {
  const { palette } = theme;
  if (line.startsWith('+++') || line.startsWith('---'))
    return { color: palette.text.secondary, fontWeight: 'bold' };
  if (line.startsWith('+'))
    return {
      color: palette.success.dark,
      backgroundColor: alpha(palette.success.main, 0.12),
    };
  if (line.startsWith('-'))
    return {
      color: palette.error.dark,
      backgroundColor: alpha(palette.error.main, 0.12),
    };
  if (line.startsWith('@@')) return { color: palette.info.dark };
  return {};
};

/** A unified diff, monospace, added lines green and removed lines red. */
export const DiffView = (props: { diff: string }) => {
  const theme = useTheme();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  if (!props.diff.trim()) {
    return (
      <Typography variant="body2" color="textSecondary">
        No change to the spec.
      </Typography>
    );
  }
  return (
    <Box
      component="pre"
      aria-label="Spec diff"
      m={0}
      p={1}
      style={{
        fontFamily: 'monospace',
        fontSize: 13,
        overflowX: 'auto',
        border: `1px solid ${theme.palette.divider}`,
      }}
    >
      {lines.map((line, i) => (
        <div
          key={i}
          style={colorOf(theme, line)}
          data-diff={line[0] === '+' || line[0] === '-' ? line[0] : ' '}
        >
          {line || ' '}
        </div>
      ))}
    </Box>
  );
};
