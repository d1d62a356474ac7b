import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getKratixPromiseName } from '../../isKratixPromise';

/**
 * Entity tab content for a Kratix Promise.
 *
 * Placeholder: shows the Promise name; destinations and work placements come
 * later.
 *
 * @public
 */
export const EntityKratixDestinationsContent = () => {
  const { entity } = useEntity();
  const promiseName = getKratixPromiseName(entity);

  return (
    <InfoCard title="Kratix destinations">
      {promiseName ? (
        <>
          Promise: <strong>{promiseName}</strong>
        </>
      ) : (
        <>This entity has no kratix.io/promise-name annotation.</>
      )}
    </InfoCard>
  );
};
