import { whatIfDestinationChange } from './destinationsWhatIf';
import {
  aDestination,
  aPromise,
  aStateStore,
  aWorkPlacement,
  misplacedWp,
  picture,
  promiseSel,
  resourceWork,
  staticDepsWork,
} from './__testUtils__/picture';
import { WhatIfPicture } from './types';

/**
 * redis (env=dev) and postgres (env=prod), each with static dependencies everywhere they match
 * and one resource; a dev-2 resource of redis.
 */
function twoPromises(
  generation: 'current' | 'v0.125' = 'current',
): WhatIfPicture {
  const redisDeps = staticDepsWork('redis', [promiseSel({ env: 'dev' })]);
  const pgDeps = staticDepsWork('postgres', [promiseSel({ env: 'prod' })]);
  const r1 = resourceWork('redis', 'r1', [promiseSel({ env: 'dev' })]);
  const r2 = resourceWork('redis', 'r2', [promiseSel({ env: 'dev' })]);
  const p1 = resourceWork('postgres', 'p1', [promiseSel({ env: 'prod' })]);
  return picture(
    {
      destinations: [
        aDestination('dev-1', { env: 'dev' }),
        aDestination('dev-2', { env: 'dev' }),
        aDestination('prod-1', { env: 'prod' }),
      ],
      promises: [
        aPromise('redis', [{ env: 'dev' }]),
        aPromise('postgres', [{ env: 'prod' }]),
      ],
      works: [redisDeps, pgDeps, r1, r2, p1],
      workPlacements: [
        aWorkPlacement(redisDeps, 'dev-1'),
        aWorkPlacement(redisDeps, 'dev-2'),
        aWorkPlacement(pgDeps, 'prod-1'),
        aWorkPlacement(r1, 'dev-1'),
        aWorkPlacement(r2, 'dev-2'),
        aWorkPlacement(p1, 'prod-1'),
      ],
    },
    generation,
  );
}

/** The picture with one Destination set to `cleanup: all`. */
function withCleanupAll(p: WhatIfPicture, name: string): WhatIfPicture {
  return {
    ...p,
    destinations: p.destinations.map(d =>
      d.name === name ? { ...d, cleanup: 'all' } : d,
    ),
  };
}

describe('whatIfDestinationChange', () => {
  it('relabel dev-2 to prod: effects per Promise, for all Works of all Promises', () => {
    const r = whatIfDestinationChange(twoPromises(), {
      changes: [{ name: 'dev-2', labels: { env: 'prod' } }],
    });
    expect(r.kind).toBe('destinations');
    expect(r.changed).toBe(true);
    expect(r.summary).toMatchObject({
      destinationsGained: 1,
      destinationsLost: 1,
      workPlacementsCreated: 1,
      workPlacementsMisplaced: 1,
      workPlacementsUnmisplaced: 0,
      resourcesOnExcludedDestinations: 1,
      workflowsRerun: 0,
      deferred: 0,
    });
    const redis = r.promises.find(p => p.promise === 'redis')!;
    expect(redis.destinationsLost).toEqual(['dev-2']);
    expect(redis.counts).toMatchObject({
      workPlacementsMisplaced: 1,
      resourcesOnExcludedDestinations: 1,
    });
    expect(redis.newResources).toMatchObject({
      candidates: ['dev-1'],
      lost: ['dev-2'],
      gained: [],
    });
    const postgres = r.promises.find(p => p.promise === 'postgres')!;
    expect(postgres.destinationsGained).toEqual(['dev-2']);
    expect(postgres.counts.workPlacementsCreated).toBe(1);
    expect(postgres.newResources?.candidates).toEqual(['dev-2', 'prod-1']);

    const pgDeps = r.groups.find(
      g => g.work.promise === 'postgres' && g.work.kind === 'static-dependency',
    )!;
    expect(pgDeps.workPlacementsCreated).toEqual(['dev-2']);
    expect(pgDeps.when).toBe('immediate');
    const r2 = r.groups.find(g => g.work.resourceName === 'r2')!;
    expect(r2.resourcesOnExcludedDestinations.map(w => w.destination)).toEqual([
      'dev-2',
    ]);
    expect(r2.when).toBe('immediate');
    // r1 on dev-1 is untouched: its group loses dev-2 as a candidate, nothing more.
    const r1 = r.groups.find(g => g.work.resourceName === 'r1')!;
    expect(r1.resourcesOnExcludedDestinations).toEqual([]);
    expect(r1.destinationsLost).toBe(1);

    expect(r.destinations).toEqual([
      {
        name: 'dev-2',
        change: 'relabel',
        labelsBefore: { env: 'dev' },
        labelsAfter: { env: 'prod' },
        groupsGained: 2,
        groupsLost: 3,
      },
    ]);
    expect(r.markdown).toContain('What-if: Destination changes');
    expect(r.markdown).toContain(
      '`dev-2` (relabel): gained by 2 workload group(s), lost by 3',
    );
  });

  it('v0.125: resource misplacement is deferred, dependency Works are re-scheduled right away', () => {
    const r = whatIfDestinationChange(twoPromises('v0.125'), {
      changes: [{ name: 'dev-2', labels: { env: 'prod' } }],
    });
    const r2 = r.groups.find(g => g.work.resourceName === 'r2')!;
    expect(r2.when).toBe('deferred');
    expect(r2.whenReason).toContain('next own reconcile');
    const deps = r.groups.filter(g => g.work.kind === 'static-dependency');
    expect(deps.map(g => g.when)).toEqual(['immediate', 'immediate']);
    expect(r.summary.deferred).toBe(1);
    expect(r.summary.resourcesOnExcludedDestinations).toBe(1);
    expect(r.markdown).toContain('deferred until each Work');
  });

  it('v0.125: without a state store on the changed Destination, dependency effects are deferred too', () => {
    const base = twoPromises('v0.125');
    const p = { ...base, stateStores: [] };
    const r = whatIfDestinationChange(p, {
      changes: [{ name: 'dev-2', labels: { env: 'prod' } }],
    });
    expect(
      r.groups
        .filter(g => g.work.kind === 'static-dependency')
        .map(g => g.when),
    ).toEqual(['deferred', 'deferred']);
    expect(r.warnings.map(w => w.code)).toContain('state-store-missing');
  });

  describe('remove', () => {
    it('current, cleanup none: WorkPlacements stay and are labelled misplaced', () => {
      const r = whatIfDestinationChange(twoPromises(), {
        changes: [{ name: 'dev-2', remove: true }],
      });
      expect(r.summary).toMatchObject({
        workPlacementsMisplaced: 1,
        resourcesOnExcludedDestinations: 1,
        workPlacementsDeleted: 0,
        destinationsLost: 1,
      });
      expect(r.notes.join(' ')).toContain('cleanup: none');
      expect(r.destinations?.[0]).toMatchObject({
        change: 'remove',
        groupsLost: 3,
      });
    });

    it('current, cleanup all: WorkPlacements are deleted with their files; resources re-scheduled', () => {
      const p = withCleanupAll(twoPromises(), 'dev-2');
      const r = whatIfDestinationChange(p, {
        changes: [{ name: 'dev-2', remove: true }],
      });
      expect(r.summary).toMatchObject({
        workPlacementsMisplaced: 0,
        resourcesOnExcludedDestinations: 0,
        workPlacementsDeleted: 2,
        resourcesRescheduled: 1,
      });
      const r2 = r.groups.find(g => g.work.resourceName === 'r2')!;
      expect(r2.resourcesRescheduled.map(w => w.destination)).toEqual([
        'dev-2',
      ]);
      expect(r.matchChanges[r2.matchChange].candidates).toEqual(['dev-1']);
      expect(r.markdown).toContain('Resources re-scheduled');
    });

    it('current, cleanup all: a deleted dependency WorkPlacement can be re-created, so the deletion can take minutes', () => {
      const p = withCleanupAll(twoPromises(), 'dev-2');
      const r = whatIfDestinationChange(p, {
        changes: [{ name: 'dev-2', remove: true }],
      });
      const deps = r.groups.find(
        g => g.work.promise === 'redis' && !g.work.resourceName,
      )!;
      expect(deps.workPlacementsDeleted.map(w => w.destination)).toEqual([
        'dev-2',
      ]);
      expect(deps.whenReason).toContain('can take minutes');
      const r2 = r.groups.find(g => g.work.resourceName === 'r2')!;
      expect(r2.whenReason).not.toContain('can take minutes');
      expect(r.notes.filter(n => n.includes('re-create'))).toEqual([
        "Removing dev-2 (cleanup: all) deletes 1 dependency WorkPlacement(s): Kratix's scheduler can re-create one while it is being deleted, and the Destination deletes it again on its next reconcile (every 15 s). Until then they can show in the misplaced list, and the Destination stays in deletion.",
      ]);
      // v0.125 has no Destination cleanup: no such note.
      const old = whatIfDestinationChange(
        { ...p, generation: 'v0.125' },
        { changes: [{ name: 'dev-2', remove: true }] },
      );
      expect(old.notes.some(n => n.includes('re-create'))).toBe(false);
    });

    it('current, cleanup all: a resource left with no matching Destination is not re-scheduled but stays unscheduled', () => {
      const r = whatIfDestinationChange(
        withCleanupAll(twoPromises(), 'prod-1'),
        { changes: [{ name: 'prod-1', remove: true }] },
      );
      const p1 = r.groups.find(g => g.work.resourceName === 'p1')!;
      expect(p1.workPlacementsDeleted.map(w => w.destination)).toEqual([
        'prod-1',
      ]);
      expect(p1.resourcesRescheduled).toEqual([]);
      expect(r.summary).toMatchObject({ resourcesRescheduled: 0 });
      expect(r.notes).toContain(
        '1 resource(s) lose their WorkPlacement with a removed Destination (cleanup: all) and match no other Destination: Kratix leaves them unscheduled and retries until a Destination matches.',
      );
      expect(
        r.warnings.filter(w => w.code === 'selector-matches-nothing'),
      ).toEqual([expect.objectContaining({ promise: 'postgres' })]);
    });

    it('current, cleanup all: a WorkPlacement without the targetDestinationName label is not found and stays', () => {
      const base = withCleanupAll(twoPromises(), 'dev-2');
      const p = {
        ...base,
        // r2's WorkPlacement predates the label (Kratix never rebuilds a resource WorkPlacement's labels).
        workPlacements: base.workPlacements.map(wp =>
          wp.resourceName === 'r2'
            ? { ...wp, labels: { 'kratix.io/work': wp.workName! } }
            : wp,
        ),
      };
      const r = whatIfDestinationChange(p, {
        changes: [{ name: 'dev-2', remove: true }],
      });
      expect(r.summary).toMatchObject({
        workPlacementsDeleted: 1,
        resourcesRescheduled: 0,
        resourcesOnExcludedDestinations: 1,
      });
      expect(r.notes.join(' ')).toContain(
        'carry no kratix.io/targetDestinationName label',
      );
    });

    it('v0.125: nothing triggers a re-schedule: all deferred, and the #382 note', () => {
      const r = whatIfDestinationChange(twoPromises('v0.125'), {
        changes: [{ name: 'dev-2', remove: true }],
      });
      expect(
        r.groups
          .filter(
            g =>
              g.workPlacementsMisplaced.length ||
              g.resourcesOnExcludedDestinations.length,
          )
          .map(g => g.when),
      ).toEqual(['deferred', 'deferred']);
      expect(r.summary.deferred).toBe(2);
      expect(r.notes.join(' ')).toContain('#382');
    });

    it('v0.125: another relabel in the same request triggers the dependency re-schedule', () => {
      const r = whatIfDestinationChange(twoPromises('v0.125'), {
        changes: [
          { name: 'dev-2', remove: true },
          { name: 'prod-1', labels: { env: 'prod', tier: 'gold' } },
        ],
      });
      const deps = r.groups.find(
        g => g.work.kind === 'static-dependency' && g.work.promise === 'redis',
      )!;
      expect(deps.when).toBe('immediate');
      expect(deps.workPlacementsMisplaced.map(w => w.destination)).toEqual([
        'dev-2',
      ]);
    });
  });

  describe('add', () => {
    it('dependency WorkPlacements are created; an unscheduled resource becomes schedulable', () => {
      const base = twoPromises();
      const qa = resourceWork('redis', 'qa', [promiseSel({ env: 'qa' })]);
      const p = { ...base, works: [...base.works, qa] };
      const r = whatIfDestinationChange(p, {
        changes: [],
        add: [
          {
            name: 'dev-3',
            labels: { env: 'dev' },
            stateStoreRef: { kind: 'GitStateStore', name: 'local' },
          },
          { name: 'qa-1', labels: { env: 'qa' } },
        ],
      });
      expect(r.summary).toMatchObject({
        workPlacementsCreated: 1,
        resourceGroupsBecomingSchedulable: 1,
        destinationsGained: 2,
      });
      const g = r.groups.find(x => x.work.resourceName === 'qa')!;
      expect(g.becomesSchedulable).toBe(true);
      expect(g.when).toBe('immediate');
      expect(r.matchChanges[g.matchChange].candidates).toEqual(['qa-1']);
      // qa-1 has no state store reference.
      expect(r.warnings).toEqual([
        expect.objectContaining({
          code: 'state-store-missing',
          destination: 'qa-1',
        }),
      ]);
    });

    it('v0.125: an unscheduled resource Work picks the new Destination up on its 15 s retry', () => {
      const base = twoPromises('v0.125');
      const qa = resourceWork('redis', 'qa', [promiseSel({ env: 'qa' })]);
      const r = whatIfDestinationChange(
        { ...base, works: [...base.works, qa] },
        {
          changes: [],
          add: [
            {
              name: 'qa-1',
              labels: { env: 'qa' },
              stateStoreRef: { kind: 'GitStateStore', name: 'local' },
            },
          ],
        },
      );
      const g = r.groups.find(x => x.work.resourceName === 'qa')!;
      expect(g.when).toBe('next-requeue');
    });

    it('warns when the Destination already exists', () => {
      const r = whatIfDestinationChange(twoPromises(), {
        changes: [],
        add: [{ name: 'dev-1', labels: {} }],
      });
      expect(r.changed).toBe(false);
      expect(r.warnings.map(w => w.code)).toEqual(['destination-exists']);
    });
  });

  it('un-misplaces dependency WorkPlacements whose Destination matches again; resource labels stay', () => {
    const deps = staticDepsWork('redis', [promiseSel({ env: 'dev' })]);
    const r1 = resourceWork('redis', 'r1', [promiseSel({ env: 'dev' })]);
    const p = picture({
      destinations: [aDestination('x', { env: 'prod' })],
      promises: [aPromise('redis', [{ env: 'dev' }])],
      works: [deps, r1],
      workPlacements: [misplacedWp(deps, 'x'), misplacedWp(r1, 'x')],
    });
    const r = whatIfDestinationChange(p, {
      changes: [{ name: 'x', labels: { env: 'dev' } }],
    });
    expect(r.summary.workPlacementsUnmisplaced).toBe(1);
    expect(
      r.groups.find(g => g.work.kind === 'static-dependency')!
        .workPlacementsUnmisplaced,
    ).toEqual([
      {
        namespace: 'kratix-platform-system',
        name: `${deps.name}.x-5058f`,
        destination: 'x',
      },
    ]);
    expect(r.notes.join(' ')).toContain(
      'never removes the label from resource WorkPlacements',
    );
  });

  it('re-adding a deleted Destination un-misplaces its orphaned dependency WorkPlacements', () => {
    const deps = staticDepsWork('redis', [promiseSel({ env: 'dev' })]);
    const p = picture({
      destinations: [],
      promises: [aPromise('redis', [{ env: 'dev' }])],
      works: [deps],
      workPlacements: [misplacedWp(deps, 'gone')],
    });
    const r = whatIfDestinationChange(p, {
      changes: [],
      add: [
        {
          name: 'gone',
          labels: { env: 'dev' },
          stateStoreRef: { kind: 'GitStateStore', name: 'local' },
        },
      ],
    });
    expect(r.summary).toMatchObject({
      workPlacementsUnmisplaced: 1,
      workPlacementsCreated: 0,
    });
  });

  it('warns about gained Destinations that are not Ready or whose store is not Ready', () => {
    const base = twoPromises();
    const p: WhatIfPicture = {
      ...base,
      destinations: base.destinations.map(d =>
        d.name === 'dev-2'
          ? {
              ...d,
              ready: 'False',
              stateStoreRef: { kind: 'GitStateStore', name: 'broken' },
            }
          : d,
      ),
      stateStores: [
        aStateStore(),
        aStateStore({ name: 'broken', ready: 'False' }),
      ],
    };
    const r = whatIfDestinationChange(p, {
      changes: [{ name: 'dev-2', labels: { env: 'prod' } }],
    });
    expect(r.warnings.map(w => [w.code, w.destination])).toEqual([
      ['destination-not-ready', 'dev-2'],
      ['state-store-not-ready', 'dev-2'],
    ]);
  });

  it('warns when groups lose their last matching Destination', () => {
    const r = whatIfDestinationChange(twoPromises(), {
      changes: [{ name: 'prod-1', labels: {} }],
    });
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'selector-matches-nothing',
        promise: 'postgres',
      }),
    ]);
    expect(r.warnings[0].message).toContain('2 workload group(s)');
  });

  it('warns about invalid labels and unknown Destinations; a same-labels change is a no-op', () => {
    const r = whatIfDestinationChange(twoPromises(), {
      changes: [
        { name: 'nope', labels: { env: 'dev' } },
        { name: 'dev-1', labels: { env: 'dev' } },
        { name: 'dev-2', labels: { env: 'not valid!' } },
      ],
    });
    expect(r.warnings.map(w => w.code)).toEqual([
      'unknown-destination',
      'invalid-destination-label',
    ]);
    expect(r.destinations?.map(d => d.name)).toEqual(['dev-2']);

    const noop = whatIfDestinationChange(twoPromises(), {
      changes: [{ name: 'dev-1', labels: { env: 'dev' } }],
    });
    expect(noop.changed).toBe(false);
    expect(noop.summary.workflowsRerun).toBe(0);
    expect(noop.groups).toEqual([]);
    expect(noop.markdown).toContain('No change');
  });

  it('strictMatchLabels: an empty selector loses a Destination that gets labels', () => {
    const w = staticDepsWork('redis', []);
    const p = picture({
      destinations: [aDestination('strict', {}, { strictMatchLabels: true })],
      promises: [aPromise('redis', [])],
      works: [w],
      workPlacements: [aWorkPlacement(w, 'strict')],
    });
    const r = whatIfDestinationChange(p, {
      changes: [{ name: 'strict', labels: { env: 'dev' } }],
    });
    expect(r.summary.workPlacementsMisplaced).toBe(1);
  });

  describe('selectors Kratix cannot parse', () => {
    const bad = () => {
      const w = resourceWork('redis', 'r1', [
        { matchLabels: { env: 'a b' }, source: 'resource-workflow' },
      ]);
      return {
        w,
        p: (g: 'current' | 'v0.125') =>
          picture(
            {
              destinations: [aDestination('dev-1', { env: 'dev' })],
              promises: [aPromise('redis', [])],
              works: [w],
              workPlacements: [aWorkPlacement(w, 'dev-1')],
            },
            g,
          ),
      };
    };

    it('current: the group is left alone, with a warning', () => {
      const { p } = bad();
      const r = whatIfDestinationChange(p('current'), {
        changes: [{ name: 'dev-1', remove: true }],
      });
      expect(r.summary.resourcesOnExcludedDestinations).toBe(0);
      expect(r.groups[0].schedulingFails).toContain('cannot parse');
      expect(r.warnings.map(w => w.code)).toContain('invalid-selector-value');
    });

    it('v0.125: every Destination matches, so a relabel changes nothing; an added one is gained', () => {
      const { p } = bad();
      const relabel = whatIfDestinationChange(p('v0.125'), {
        changes: [{ name: 'dev-1', labels: { env: 'x' } }],
      });
      expect(relabel.summary.resourcesOnExcludedDestinations).toBe(0);
      expect(relabel.summary.destinationsLost).toBe(0);
      const add = whatIfDestinationChange(p('v0.125'), {
        changes: [],
        add: [{ name: 'n', labels: {}, strictMatchLabels: true }],
      });
      expect(add.summary.destinationsGained).toBe(1);
    });
  });
});
