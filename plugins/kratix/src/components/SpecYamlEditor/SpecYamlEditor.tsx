import TextField from '@material-ui/core/TextField';

/** A plain multi-line YAML editor with the parse error, if any, underneath. */
export const SpecYamlEditor = (props: {
  value: string;
  onChange: (text: string) => void;
  error?: string;
  helperText?: string;
  disabled?: boolean;
}) => (
  <TextField
    multiline
    fullWidth
    variant="outlined"
    minRows={12}
    label="Spec (YAML)"
    value={props.value}
    disabled={props.disabled}
    onChange={e => props.onChange(e.target.value)}
    error={Boolean(props.error)}
    helperText={props.error ? `YAML error: ${props.error}` : props.helperText}
    inputProps={{
      'aria-label': 'Spec YAML',
      spellCheck: false,
      style: { fontFamily: 'monospace', fontSize: 13 },
    }}
  />
);
