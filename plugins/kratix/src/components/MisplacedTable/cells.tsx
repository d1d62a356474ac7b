import { ReactNode } from 'react';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  LEGACY_MISSCHEDULED_LABEL,
  WorkPlacementView,
  describeMismatch,
} from '@kratix-backstage/plugin-kratix-common';
import { AgeText } from '../shared';

export const STALE_LABEL_TEXT =
  'The Destination matches again, but Kratix never removes the misplaced label from resource WorkPlacements.';

export interface MisplacedColumn {
  title: string;
  render: (wp: WorkPlacementView) => ReactNode;
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
          <Tooltip title={STALE_LABEL_TEXT}>
            <Chip size="small" label="stale label" />
          </Tooltip>
        )}
      </>
    );
  }
  const reasons = wp.reasons.map(describeMismatch);
  return reasons.length ? (
    <Tooltip title={reasons.join('; ')}>{text('no')}</Tooltip>
  ) : (
    text('no')
  );
};

export const promiseColumn: MisplacedColumn = {
  title: 'Promise',
  render: wp => text(wp.promiseName),
};

export const misplacedColumns: MisplacedColumn[] = [
  { title: 'Destination', render: wp => text(wp.destination) },
  { title: 'WorkPlacement', render: wp => text(wp.name) },
  {
    title: 'Work',
    render: wp =>
      text(wp.workName ?? 'unknown', wp.workName ? undefined : 'textSecondary'),
  },
  { title: 'Pipeline', render: wp => text(wp.pipelineName || '—') },
  {
    title: 'Resource',
    render: wp =>
      wp.kind === 'resource'
        ? text(`${wp.namespace}/${wp.resourceName}`)
        : text('dependency', 'textSecondary'),
  },
  { title: 'Namespace', render: wp => text(wp.namespace) },
  { title: 'Age', render: wp => <AgeText since={wp.misplacedSince} /> },
  {
    title: 'Label',
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
    render: wp => (wp.destinationExists ? text('yes') : text('no', 'error')),
  },
];
