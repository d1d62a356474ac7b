import { whatIfDestinationChange } from './destinationsWhatIf';
import { whatIfPromiseChange } from './promiseWhatIf';
import {
  aDestination,
  aPromise,
  aWorkPlacement,
  picture,
  promiseSel,
  proposal,
  resourceWf,
  resourceWork,
  staticDepsWork,
} from './__testUtils__/picture';
import { WhatIfPicture } from './types';

const DESTINATIONS = 1000;
const RESOURCES = 9999; // + 1 static-dependency Work = 10,000 Works

/**
 * 1,000 Destinations (d-000…d-499 env=dev, the rest env=prod; region r0…r9 by index) and 10,000
 * Works of Promise `big` (env=dev): the static dependencies on all 500 dev Destinations, and 9,999
 * resources each selecting its region (resource workflow) and placed on a dev Destination of it.
 * Correctness only: the timing budget is checked by a benchmark, not here.
 */
function bigPicture(
  generation: 'current' | 'v0.125' = 'current',
): WhatIfPicture {
  const destinations = Array.from({ length: DESTINATIONS }, (_, i) =>
    aDestination(
      `d-${String(i).padStart(3, '0')}`,
      { env: i < 500 ? 'dev' : 'prod', region: `r${i % 10}` },
      { strictMatchLabels: i % 100 === 0 },
    ),
  );
  const deps = staticDepsWork('big', [promiseSel({ env: 'dev' })]);
  const works = [deps];
  const workPlacements = destinations
    .slice(0, 500)
    .map(d => aWorkPlacement(deps, d.name));
  for (let k = 0; k < RESOURCES; k++) {
    const w = resourceWork('big', `r-${k}`, [
      resourceWf({ region: `r${k % 10}` }),
      promiseSel({ env: 'dev' }),
    ]);
    w.name = `big-r-${k}-instance-configure-abcde`;
    works.push(w);
    const i = ((k * 10) % 500) + (k % 10);
    workPlacements.push(aWorkPlacement(w, destinations[i].name));
  }
  return picture(
    {
      destinations,
      promises: [aPromise('big', [{ env: 'dev' }])],
      works,
      workPlacements,
      resourceRequests: { big: RESOURCES },
    },
    generation,
  );
}

describe('what-if at scale: 1,000 Destinations × 10,000 Works', () => {
  const p = bigPicture();

  it('Promise dev → prod', () => {
    const r = whatIfPromiseChange(p, 'big', proposal([{ env: 'prod' }]));
    expect(r.summary).toMatchObject({
      destinationsGained: 500,
      destinationsLost: 500,
      workPlacementsCreated: 500,
      workPlacementsMisplaced: 500,
      workPlacementsUnmisplaced: 0,
      resourcesOnExcludedDestinations: RESOURCES,
      workflowsRerun: 1 + RESOURCES,
      groupsAffected: 1 + RESOURCES,
      groupsAssumedUnchanged: RESOURCES,
    });
    // One static-dependency selector change and one per region: shared, not per group.
    expect(r.matchChanges).toHaveLength(11);
    expect(r.matchChanges.reduce((n, m) => n + m.groups, 0)).toBe(
      1 + RESOURCES,
    );
    const region3 = r.matchChanges.find(m => m.after?.region === 'r3')!;
    expect(region3.destinationsGained).toHaveLength(50);
    expect(region3.destinationsLost).toHaveLength(50);
    expect(r.groups).toHaveLength(500);
    expect(r.groupsOmitted).toBe(RESOURCES + 1 - 500);
    expect(r.promises[0].newResources?.candidates).toHaveLength(500);
    expect(r.markdown.length).toBeLessThan(10_000);
  });

  it('relabelling 10 dev Destinations to prod', () => {
    const changes = Array.from({ length: 10 }, (_, i) => ({
      name: `d-00${i}`,
      labels: { env: 'prod', region: `r${i}` },
    }));
    const r = whatIfDestinationChange(p, { changes });
    // Resources k with k % 50 === 0 sit on d-000…d-009.
    const onChanged = Array.from({ length: RESOURCES }, (_, k) => k).filter(
      k => k % 50 === 0,
    ).length;
    expect(onChanged).toBe(200);
    expect(r.summary).toMatchObject({
      destinationsGained: 0,
      destinationsLost: 10,
      workPlacementsCreated: 0,
      workPlacementsMisplaced: 10,
      resourcesOnExcludedDestinations: onChanged,
      deferred: 0,
      workflowsRerun: 0,
      groupsAffected: 1 + RESOURCES,
    });
    expect(r.promises[0].newResources?.lost).toHaveLength(10);

    const v125 = whatIfDestinationChange(bigPicture('v0.125'), { changes });
    expect(v125.summary).toMatchObject({
      resourcesOnExcludedDestinations: onChanged,
      deferred: onChanged,
    });
  });
});
