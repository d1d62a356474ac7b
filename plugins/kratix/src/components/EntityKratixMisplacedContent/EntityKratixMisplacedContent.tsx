import { KratixPromiseScope } from '../KratixPromiseScope';
import { MisplacedTable } from '../MisplacedTable';

/**
 * Entity tab of a Kratix Promise: its misplaced WorkPlacements, with cleanup.
 *
 * @public
 */
export const EntityKratixMisplacedContent = () => (
  <KratixPromiseScope>
    {({ platform, promise }) => (
      <MisplacedTable
        platform={platform}
        promise={promise}
        title={`Misplaced WorkPlacements of ${promise}`}
      />
    )}
  </KratixPromiseScope>
);
