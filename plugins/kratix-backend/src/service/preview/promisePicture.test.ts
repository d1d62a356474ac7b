import { SlimWork } from '@kratix-backstage/plugin-kratix-common';
import {
  aDestination,
  aPromise,
  aWork,
  aWorkPlacement,
} from '@kratix-backstage/plugin-kratix-common/testUtils';
import {
  Platform,
  WhatIfPicture,
  proposedPromiseFromSpec,
  whatIfPromiseChange,
} from '@kratix-backstage/plugin-kratix-node';
import { promisePictureOf } from './preview';
import { memoryCache } from '@kratix-backstage/plugin-kratix-node/testUtils';

const promise = (name: string, env: string) => aPromise(name, [{ env }]);
const destination = (name: string, env: string) =>
  aDestination(name, { env }, { ready: 'Unknown' });
const work = (
  promiseName: string,
  namespace: string,
  name: string,
  resourceName = '',
) =>
  aWork(name, [{ matchLabels: { env: 'dev' }, source: 'promise' }], {
    namespace,
    promiseName,
    resourceName,
    workType: resourceName ? 'resource' : 'static-dependency',
  });
const placement = (w: SlimWork, destinationName: string) =>
  aWorkPlacement(w, destinationName, { finalizers: [] });

/** Two Promises on two Destinations, with a Work of `b` in the same namespace as `a`'s. */
function platform(): Platform {
  const cache = memoryCache();
  cache.promises.upsert(promise('a', 'dev'));
  cache.promises.upsert(promise('b', 'dev'));
  cache.destinations.upsert(destination('dev-1', 'dev'));
  cache.destinations.upsert(destination('prod-1', 'prod'));
  const works = [
    work('a', 'kratix-platform-system', 'a-deps'),
    work('a', 'team', 'a-r1', 'r1'),
    work('b', 'team', 'b-r1', 'r1'),
  ];
  for (const w of works) {
    cache.works.upsert(w);
    cache.workPlacements.upsert(placement(w, 'dev-1'));
  }
  return {
    config: { name: 'local' },
    cache,
    client: {},
  } as unknown as Platform;
}

describe('promisePictureOf', () => {
  it("holds only the Promise's Works and their WorkPlacements, and predicts what the whole picture predicts", () => {
    const p = platform();
    const picture = promisePictureOf(p, 'a', { a: 1 });
    expect(picture.works.map(w => w.name).sort()).toEqual(['a-deps', 'a-r1']);
    expect(picture.workPlacements.map(wp => wp.workName).sort()).toEqual([
      'a-deps',
      'a-r1',
    ]);

    // The whole platform, WorkPlacements indexed by the engine itself (no lookup).
    const whole: WhatIfPicture = {
      ...picture,
      works: p.cache.works.all(),
      workPlacements: p.cache.workPlacements.all(),
      workPlacementsOfWork: undefined,
    };
    const live = {
      destinationSelectors: [{ matchLabels: { env: 'dev' } }],
      dependencies: [{}],
    };
    const proposed = () =>
      proposedPromiseFromSpec(
        { ...live, destinationSelectors: [{ matchLabels: { env: 'prod' } }] },
        live,
      );
    const narrow = whatIfPromiseChange(picture, 'a', proposed());
    expect(narrow).toEqual(whatIfPromiseChange(whole, 'a', proposed()));
    expect(narrow.summary.workPlacementsMisplaced).toBeGreaterThan(0);
  });
});
