import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { CleanupPreflightItem } from '@kratix-backstage/plugin-kratix-common';
import { useTheme } from '@material-ui/core/styles';
import { describePreflight } from './describePreflight';

/** What deleting each WorkPlacement will do: files, re-scheduling, blocks, notes. */
export const CleanupPreflightList = (props: {
  items: CleanupPreflightItem[];
  force: boolean;
}) => {
  const { palette } = useTheme();
  return (
    <List dense disablePadding aria-label="Cleanup preflight">
      {props.items.map(item => (
        <ListItem
          key={`${item.namespace}/${item.name}`}
          divider
          alignItems="flex-start"
        >
          <ListItemText
            primary={
              <>
                {`${item.namespace}/${item.name}`}
                {item.found && (
                  <Typography variant="caption" color="textSecondary">
                    {` on ${item.destination}`}
                  </Typography>
                )}
              </>
            }
            secondaryTypographyProps={{ component: 'div' }}
            secondary={
              <Box component="ul" m={0} pl={2}>
                {describePreflight(item, props.force).map(line => (
                  <li
                    key={line}
                    style={
                      line.startsWith('BLOCKED')
                        ? { color: palette.error.main, fontWeight: 'bold' }
                        : undefined
                    }
                  >
                    {line}
                  </li>
                ))}
              </Box>
            }
          />
        </ListItem>
      ))}
    </List>
  );
};
