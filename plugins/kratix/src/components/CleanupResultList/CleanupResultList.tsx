import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { useTheme } from '@material-ui/core/styles';
import type {
  CleanupItemResult,
  CleanupOutcome,
} from '@kratix-backstage/plugin-kratix-common';

const OutcomeChip = ({ outcome }: { outcome: CleanupOutcome }) => {
  const theme = useTheme();
  let c = theme.palette.error;
  if (outcome === 'deleted') c = theme.palette.success;
  else if (outcome === 'refused') c = theme.palette.warning;
  return (
    <Chip
      size="small"
      label={outcome}
      style={{
        backgroundColor: c.main,
        color: c.contrastText,
        marginRight: 8,
      }}
    />
  );
};

/** One line per WorkPlacement the cleanup finished with: deleted, refused (why) or failed. */
export const CleanupResultList = (props: { results: CleanupItemResult[] }) => (
  <List dense disablePadding aria-label="Cleanup results">
    {props.results.map(r => (
      <ListItem key={`${r.namespace}/${r.name}`} divider>
        <OutcomeChip outcome={r.outcome} />
        <ListItemText
          primary={`${r.namespace}/${r.name}`}
          secondary={
            r.reason
              ? `${r.outcome === 'failed' ? 'error' : 'reason'}: ${r.reason}`
              : undefined
          }
        />
      </ListItem>
    ))}
  </List>
);

/** "2 deleted, 1 refused, 0 failed" */
export function summaryText(summary: Record<CleanupOutcome, number>): string {
  return `${summary.deleted} deleted, ${summary.refused} refused, ${summary.failed} failed`;
}
