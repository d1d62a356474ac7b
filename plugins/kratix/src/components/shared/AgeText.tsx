import Tooltip from '@material-ui/core/Tooltip';
import { formatAge } from './format';

/** Age of a timestamp ("5h"), the timestamp on hover; "unknown" when missing. */
export const AgeText = (props: { since?: string; now?: number }) => {
  const age = formatAge(props.since, props.now);
  if (!age || !props.since) return <span>unknown</span>;
  return (
    <Tooltip title={props.since}>
      <span>{age}</span>
    </Tooltip>
  );
};
