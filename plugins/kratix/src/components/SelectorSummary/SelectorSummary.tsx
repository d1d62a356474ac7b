import { InfoCard, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { SquashedSelectorView } from '@kratix-backstage/plugin-kratix-common';
import { LabelChips, describeSelectorConflict } from '../shared';

/**
 * The Promise's `spec.destinationSelectors` as Kratix squashes them: one chip per key with the
 * entry it comes from, and the keys an earlier entry overrides.
 */
export const SelectorSummary = (props: { selectors: SquashedSelectorView }) => {
  const { entries, matchLabels, entryOf, conflicts } = props.selectors;
  const origin = Object.fromEntries(
    Object.entries(entryOf).map(([key, i]) => [
      key,
      `destinationSelectors[${i}]`,
    ]),
  );
  return (
    <InfoCard title="Destination selectors">
      {entries.length === 0 ? (
        <Typography variant="body2">
          The Promise sets no destinationSelectors: every Destination matches,
          except those with strictMatchLabels that carry labels.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            {entries.length === 1
              ? 'One selector entry; a Destination must carry all of these labels:'
              : `${entries.length} selector entries, merged (first entry wins per key); a Destination must carry all of these labels:`}
          </Typography>
          <LabelChips labels={matchLabels} origin={origin} />
        </>
      )}
      {conflicts.length > 0 && (
        <Box mt={2}>
          <WarningPanel
            severity="warning"
            title={`${conflicts.length} selector ${
              conflicts.length === 1 ? 'value is' : 'values are'
            } ignored`}
            defaultExpanded
          >
            <Box component="ul" m={0} pl={2}>
              {conflicts.map(c => (
                <li key={`${c.key}-${c.ignoredFrom}`}>
                  <Typography variant="body2">
                    {describeSelectorConflict(c)}
                  </Typography>
                </li>
              ))}
            </Box>
          </WarningPanel>
        </Box>
      )}
    </InfoCard>
  );
};
