import { MarkdownContent } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { PromisePreviewResponse } from '../../api';
import { errorMessage } from '../shared';

/**
 * The scheduling what-if of a proposed change (where WorkPlacements would go, what becomes
 * misplaced, which workflows re-run) as the backend summarises it, with the raw answer
 * collapsible underneath.
 */
export const WhatIfPreview = (props: {
  value?: PromisePreviewResponse;
  error?: Error;
}) => {
  const { value, error } = props;
  if (value === undefined && !error) return null;
  return (
    <Accordion defaultExpanded>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>What-if: scheduling after this change</Typography>
      </AccordionSummary>
      <AccordionDetails>
        {error || !value ? (
          <Typography variant="body2" color="error">
            {`The what-if preview failed: ${errorMessage(error)}`}
          </Typography>
        ) : (
          <Box width="100%">
            <MarkdownContent content={value.markdown ?? ''} />
            <Accordion>
              <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                <Typography variant="body2">
                  Raw what-if answer (JSON)
                </Typography>
              </AccordionSummary>
              <AccordionDetails>
                <Box
                  component="pre"
                  aria-label="What-if result"
                  m={0}
                  style={{
                    fontFamily: 'monospace',
                    fontSize: 12,
                    overflowX: 'auto',
                    width: '100%',
                  }}
                >
                  {JSON.stringify(value, null, 2)}
                </Box>
              </AccordionDetails>
            </Accordion>
          </Box>
        )}
      </AccordionDetails>
    </Accordion>
  );
};
