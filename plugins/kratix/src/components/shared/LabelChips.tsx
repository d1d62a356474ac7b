import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { Labels } from '@kratix-backstage/plugin-kratix-common';

/** Labels or selectors as `key=value` chips. */
export const LabelChips = (props: {
  labels: Labels | undefined;
  /** Where each key comes from, shown next to the value. */
  origin?: Record<string, string | number>;
  /** Keys to draw outlined in the secondary colour (e.g. a mismatch). */
  highlight?: readonly string[];
  emptyText?: string;
}) => {
  const { labels = {}, origin, highlight, emptyText = 'none' } = props;
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {emptyText}
      </Typography>
    );
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {keys.map(key => {
        const from = origin?.[key];
        const text = `${key}=${labels[key]}`;
        return (
          <Chip
            key={key}
            size="small"
            variant={highlight?.includes(key) ? 'default' : 'outlined'}
            color={highlight?.includes(key) ? 'secondary' : 'default'}
            label={from === undefined ? text : `${text} ← ${from}`}
          />
        );
      })}
    </Box>
  );
};
