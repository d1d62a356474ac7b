import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { SelectorRows } from './selectorRows';

/**
 * Edits `spec.destinationSelectors`: a list of entries, each a list of key=value rows. Kratix
 * merges the entries; on a key in several entries the first one wins.
 */
export const SelectorEditor = (props: {
  value: SelectorRows;
  onChange: (rows: SelectorRows) => void;
  disabled?: boolean;
}) => {
  const { value, onChange, disabled } = props;
  const setEntry = (i: number, entry: SelectorRows[number]) =>
    onChange(value.map((e, j) => (i === j ? entry : e)));

  return (
    <Box>
      {value.length === 0 && (
        <Typography variant="body2" gutterBottom>
          No entries: every Destination matches (except those with
          strictMatchLabels that carry labels).
        </Typography>
      )}
      {value.map((entry, i) => (
        <Paper
          key={i}
          variant="outlined"
          style={{ padding: 12, marginBottom: 12 }}
        >
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
          >
            <Typography variant="subtitle2">{`Entry ${i} (matchLabels)`}</Typography>
            <Button
              size="small"
              disabled={disabled}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              {`Remove entry ${i}`}
            </Button>
          </Box>
          {entry.map((row, r) => (
            <Box
              key={r}
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
              mt={1}
            >
              <TextField
                size="small"
                variant="outlined"
                label="Key"
                value={row.key}
                disabled={disabled}
                inputProps={{ 'aria-label': `Entry ${i} key ${r}` }}
                onChange={e =>
                  setEntry(
                    i,
                    entry.map((x, k) =>
                      k === r ? { ...x, key: e.target.value } : x,
                    ),
                  )
                }
              />
              <Typography>=</Typography>
              <TextField
                size="small"
                variant="outlined"
                label="Value"
                value={row.value}
                disabled={disabled}
                inputProps={{ 'aria-label': `Entry ${i} value ${r}` }}
                onChange={e =>
                  setEntry(
                    i,
                    entry.map((x, k) =>
                      k === r ? { ...x, value: e.target.value } : x,
                    ),
                  )
                }
              />
              <Button
                size="small"
                aria-label={`Remove label ${r} of entry ${i}`}
                disabled={disabled}
                startIcon={<DeleteIcon fontSize="small" />}
                onClick={() =>
                  setEntry(
                    i,
                    entry.filter((_, k) => k !== r),
                  )
                }
              >
                Remove label
              </Button>
            </Box>
          ))}
          <Box mt={1}>
            <Button
              size="small"
              disabled={disabled}
              startIcon={<AddIcon fontSize="small" />}
              onClick={() => setEntry(i, [...entry, { key: '', value: '' }])}
            >
              {`Add label to entry ${i}`}
            </Button>
          </Box>
        </Paper>
      ))}
      <Button
        variant="outlined"
        size="small"
        disabled={disabled}
        startIcon={<AddIcon fontSize="small" />}
        onClick={() => onChange([...value, [{ key: '', value: '' }]])}
      >
        Add entry
      </Button>
    </Box>
  );
};
