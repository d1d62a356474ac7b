import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import type {
  CleanupItemResult,
  CleanupOutcome,
} from '@kratix-backstage/plugin-kratix-common';

const COLORS: Record<CleanupOutcome, string> = {
  deleted: '#2e7d32',
  refused: '#b26a00',
  failed: '#c62828',
};

/** One line per WorkPlacement the cleanup finished with: deleted, refused (why) or failed. */
export const CleanupResultList = (props: { results: CleanupItemResult[] }) => (
  <List dense disablePadding aria-label="Cleanup results">
    {props.results.map(r => (
      <ListItem key={`${r.namespace}/${r.name}`} divider>
        <Chip
          size="small"
          label={r.outcome}
          style={{
            backgroundColor: COLORS[r.outcome],
            color: '#fff',
            marginRight: 8,
          }}
        />
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
