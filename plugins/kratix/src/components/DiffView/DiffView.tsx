import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

const colorOf = (line: string) => {
  if (line.startsWith('+++') || line.startsWith('---'))
    return { color: '#555', fontWeight: 'bold' as const };
  if (line.startsWith('+'))
    return { color: '#1b5e20', backgroundColor: '#e8f5e9' };
  if (line.startsWith('-'))
    return { color: '#b71c1c', backgroundColor: '#ffebee' };
  if (line.startsWith('@@')) return { color: '#01579b' };
  return {};
};

/** A unified diff, monospace, added lines green and removed lines red. */
export const DiffView = (props: { diff: string }) => {
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
        border: '1px solid #ddd',
      }}
    >
      {lines.map((line, i) => (
        <div
          key={i}
          style={colorOf(line)}
          data-diff={line[0] === '+' || line[0] === '-' ? line[0] : ' '}
        >
          {line || ' '}
        </div>
      ))}
    </Box>
  );
};
