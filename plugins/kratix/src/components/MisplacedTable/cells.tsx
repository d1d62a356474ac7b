import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  LEGACY_MISSCHEDULED_LABEL,
  WorkPlacementView,
  describeMismatch,
} from '@kratix-backstage/plugin-kratix-common';
import type { KratixEntityLinks } from '../../hooks/useKratixEntityLinks';
import { AgeText } from '../shared';

export const STALE_LABEL_TEXT =
  'The Destination matches again, but Kratix never removes the misplaced label from resource WorkPlacements.';

export const RECREATED_TEXT =
  'Kratix created it again right after a cleanup deleted it (a race in its scheduler): clean it up again.';

export interface MisplacedColumn {
  title: string;
  /** Keep on one line (short values), title included. */
  nowrap?: boolean;
  /** Keep only the title on one line. */
  nowrapTitle?: boolean;
  render: (wp: WorkPlacementView, links: KratixEntityLinks) => ReactNode;
}

const text = (value: ReactNode, color?: 'error' | 'textSecondary') => (
  <Typography variant="body2" color={color}>
    {value}
  </Typography>
);

const StillMatches = ({ wp }: { wp: WorkPlacementView }) => {
  if (wp.destinationStillMatches === null)
    return text('unknown', 'textSecondary');
  if (wp.destinationStillMatches) {
    return (
      <>
        {text('yes')}
        {wp.labelIsStale && (
          <Typography variant="caption" color="textSecondary" display="block">
            {`stale label: ${STALE_LABEL_TEXT}`}
          </Typography>
        )}
      </>
    );
  }
  // Why not, in words: the justification of the cleanup, visible without hovering.
  const reasons = wp.reasons.map(describeMismatch);
  return (
    <>
      {text('no')}
      {reasons.map(r => (
        <Typography
          key={r}
          variant="caption"
          color="textSecondary"
          display="block"
        >
          {r}
        </Typography>
      ))}
    </>
  );
};

/** A name linking to its catalog page when there is one. */
export const LinkedName = (props: { name: string; to?: string }) =>
  props.to ? (
    <Link to={props.to}>
      <Typography variant="body2" component="span">
        {props.name}
      </Typography>
    </Link>
  ) : (
    text(props.name)
  );

export const promiseColumn: MisplacedColumn = {
  title: 'Promise',
  nowrap: true,
  render: (wp, links) => (
    <LinkedName name={wp.promiseName} to={links.promise(wp.promiseName)} />
  ),
};

/** The columns that justify a deletion; visible at 1,280 px. */
export const misplacedColumns: MisplacedColumn[] = [
  {
    title: 'Destination',
    nowrap: true,
    render: (wp, links) => (
      <LinkedName
        name={wp.destination}
        to={links.destination(wp.destination)}
      />
    ),
  },
  {
    title: 'WorkPlacement',
    nowrapTitle: true,
    render: wp => (
      <>
        <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
          {wp.name}
        </Typography>
        {wp.recreatedAfterCleanupAt && (
          <Typography variant="caption" color="error" display="block">
            {RECREATED_TEXT} (cleanup{' '}
            <AgeText since={wp.recreatedAfterCleanupAt} /> ago)
          </Typography>
        )}
      </>
    ),
  },
  // As kubectl's AGE: from metadata.creationTimestamp.
  {
    title: 'Age',
    nowrap: true,
    render: wp => <AgeText since={wp.createdAt} />,
  },
  {
    title: 'Label',
    nowrapTitle: true,
    render: wp =>
      wp.misplacedLabel === LEGACY_MISSCHEDULED_LABEL ? (
        <Chip
          size="small"
          variant="outlined"
          label={`${wp.misplacedLabel} (legacy)`}
        />
      ) : (
        <Chip
          size="small"
          variant="outlined"
          label={wp.misplacedLabel ?? 'none'}
        />
      ),
  },
  {
    title: 'Destination still matches',
    render: wp => <StillMatches wp={wp} />,
  },
  {
    title: 'Destination exists',
    nowrap: true,
    render: wp => (wp.destinationExists ? text('yes') : text('no', 'error')),
  },
];

const Field = (props: { label: string; children: ReactNode }) => (
  <Box minWidth={160}>
    <Typography variant="caption" color="textSecondary" display="block">
      {props.label}
    </Typography>
    {props.children}
  </Box>
);

/** The secondary fields of a misplaced WorkPlacement, shown when its row is expanded. */
export const MisplacedDetails = ({ wp }: { wp: WorkPlacementView }) => (
  <Box
    display="flex"
    flexWrap="wrap"
    py={1}
    style={{ gap: 24 }}
    aria-label={`Details of ${wp.namespace}/${wp.name}`}
  >
    <Field label="Work">
      {text(
        wp.workName ?? 'unknown',
        wp.workName ? undefined : 'textSecondary',
      )}
    </Field>
    <Field label="Pipeline">{text(wp.pipelineName || '—')}</Field>
    <Field label="Resource">
      {wp.kind === 'resource'
        ? text(`${wp.namespace}/${wp.resourceName}`)
        : text('dependency (no resource request)', 'textSecondary')}
    </Field>
    <Field label="Namespace">{text(wp.namespace)}</Field>
    <Field label="Created">{text(wp.createdAt ?? 'unknown')}</Field>
    <Field label="Misplaced since">
      {wp.misplacedSince ? (
        <Typography variant="body2">
          {wp.misplacedSince} (<AgeText since={wp.misplacedSince} /> ago)
        </Typography>
      ) : (
        text('unknown', 'textSecondary')
      )}
    </Field>
  </Box>
);
