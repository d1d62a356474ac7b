import { whatIfPromiseChange } from './promiseWhatIf';
import { proposedPromiseFromSpec } from './picture';
import {
  aDestination,
  aPromise,
  aStateStore,
  aWorkPlacement,
  misplacedWp,
  picture,
  promiseSel,
  promiseWf,
  promiseWorkflowWork,
  proposal,
  resourceWf,
  resourceWork,
  staticDepsWork,
} from './__testUtils__/picture';
import { WhatIfPicture } from './types';

const dests = () => [
  aDestination('dev-1', { env: 'dev' }),
  aDestination('dev-2', { env: 'dev' }),
  aDestination('prod-1', { env: 'prod', region: 'eu' }),
  aDestination('prod-2', { env: 'prod', region: 'us' }),
];

/** redis: env=dev; static deps on dev-1, dev-2 and a misplaced one on prod-1; three resources. */
function devRedis(generation: 'current' | 'v0.125' = 'current'): WhatIfPicture {
  const deps = staticDepsWork('redis', [promiseSel({ env: 'dev' })]);
  const r1 = resourceWork('redis', 'r1', [promiseSel({ env: 'dev' })]);
  const r2 = resourceWork('redis', 'r2', [promiseSel({ env: 'dev' })]);
  const r3 = resourceWork('redis', 'r3', [promiseSel({ env: 'dev' })]);
  return picture(
    {
      destinations: dests(),
      promises: [aPromise('redis', [{ env: 'dev' }])],
      works: [deps, r1, r2, r3],
      workPlacements: [
        aWorkPlacement(deps, 'dev-1'),
        aWorkPlacement(deps, 'dev-2'),
        misplacedWp(deps, 'prod-1'),
        aWorkPlacement(r1, 'dev-1'),
        aWorkPlacement(r2, 'dev-2'),
        misplacedWp(r3, 'prod-1'),
      ],
      resourceRequests: { redis: 3 },
    },
    generation,
  );
}

describe('whatIfPromiseChange', () => {
  it('warns that Kratix updates nothing while the Promise has two static-dependency Works', () => {
    const p = devRedis();
    const deps = p.works.find(w => w.workType === 'static-dependency')!;
    const withDuplicate = {
      ...p,
      works: [
        ...p.works,
        { ...deps, name: 'redis-static-deps-zzzzz', uid: 'dup' },
      ],
    };
    const warned = whatIfPromiseChange(
      withDuplicate,
      'redis',
      proposal([{ env: 'prod' }]),
    );
    const [w] = warned.warnings.filter(
      x => x.code === 'duplicate-static-dependency-works',
    );
    expect(w.promise).toBe('redis');
    expect(w.message).toContain(
      '2 static-dependency Works (redis-static-deps-abcde, redis-static-deps-zzzzz)',
    );
    const clean = whatIfPromiseChange(p, 'redis', proposal([{ env: 'prod' }]));
    expect(clean.warnings.map(x => x.code)).not.toContain(
      'duplicate-static-dependency-works',
    );
  });

  it('dev → prod: dependency WorkPlacements created, misplaced and un-marked; resources never move', () => {
    const r = whatIfPromiseChange(
      devRedis(),
      'redis',
      proposal([{ env: 'prod' }]),
    );
    expect(r.changed).toBe(true);
    expect(r.summary).toMatchObject({
      destinationsGained: 2,
      destinationsLost: 2,
      workPlacementsCreated: 1,
      workPlacementsMisplaced: 2,
      workPlacementsUnmisplaced: 1,
      resourcesOnExcludedDestinations: 2,
      workflowsRerun: 4,
      worksCreated: 0,
      worksDeleted: 0,
    });
    const deps = r.groups.find(g => g.work.kind === 'static-dependency')!;
    expect(deps.when).toBe('immediate');
    expect(deps.before?.matchLabels).toEqual({ env: 'dev' });
    expect(deps.after).toEqual({
      matchLabels: { env: 'prod' },
      sourceOf: { env: 'promise' },
    });
    expect(deps.workPlacementsCreated).toEqual(['prod-2']);
    expect(deps.workPlacementsMisplaced.map(w => w.destination)).toEqual([
      'dev-1',
      'dev-2',
    ]);
    expect(deps.workPlacementsUnmisplaced.map(w => w.destination)).toEqual([
      'prod-1',
    ]);
    expect(r.matchChanges[deps.matchChange]).toMatchObject({
      destinationsGained: ['prod-1', 'prod-2'],
      destinationsLost: ['dev-1', 'dev-2'],
    });

    const resources = r.groups.filter(g => g.work.kind === 'resource');
    expect(resources).toHaveLength(3);
    expect(resources.every(g => g.when === 'after-workflow-run')).toBe(true);
    expect(
      resources.flatMap(g =>
        g.resourcesOnExcludedDestinations.map(w => w.destination),
      ),
    ).toEqual(['dev-1', 'dev-2']);
    // r3 is already misplaced on prod-1: Kratix never removes a resource WorkPlacement's label.
    expect(
      resources.find(g => g.work.resourceName === 'r3')!
        .workPlacementsUnmisplaced,
    ).toEqual([]);

    const p = r.promises[0];
    expect(p.staticDependencies).toBe('updated');
    expect(p.workflows).toEqual({
      promiseConfigure: true,
      resourceRequests: 3,
      resourceRequestsEstimated: false,
      total: 4,
    });
    expect(p.newResources).toEqual({
      selector: { env: 'prod' },
      candidates: ['prod-1', 'prod-2'],
      gained: ['prod-1', 'prod-2'],
      lost: ['dev-1', 'dev-2'],
    });
    expect(r.warnings).toEqual([]);
    expect(r.markdown).toContain('What-if: Promise `redis` spec change');
    expect(r.markdown).toContain('| Workflows re-run | 4 |');
    expect(r.markdown).toContain('New WorkPlacements on (right away): prod-2');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('requests pinned to another Promise version keep their selectors; mixed versions in a namespace are a race', () => {
    const pinned = {
      ...devRedis(),
      pinnedResources: { redis: { 'default/r1': 'v1.0.0' } },
    };
    const r = whatIfPromiseChange(pinned, 'redis', proposal([{ env: 'prod' }]));
    const resources = r.groups.filter(g => g.work.kind === 'resource');
    // r1 keeps env=dev: nothing changes for its group, so it is not listed.
    expect(resources.map(g => g.work.resourceName).sort()).toEqual([
      'r2',
      'r3',
    ]);
    // The others still lose dev: only r2's WorkPlacement is left on an excluded Destination.
    expect(
      resources.flatMap(g =>
        g.resourcesOnExcludedDestinations.map(w => w.destination),
      ),
    ).toEqual(['dev-2']);
    // Every request's workflow still re-runs.
    expect(r.promises[0].workflows?.resourceRequests).toBe(3);
    expect(r.warnings).toEqual([
      {
        code: 'resource-requests-pinned',
        promise: 'redis',
        message: expect.stringMatching(
          /^1 resource request\(s\) are pinned to another Promise version by their ResourceBinding: v1\.0\.0 \(default\/r1\)\. .*In namespace\(s\) default requests use different versions/,
        ),
      },
    ]);
  });

  it('pinned requests alone in their namespace on one version: no race warned', () => {
    const base = devRedis();
    const r = whatIfPromiseChange(
      {
        ...base,
        works: base.works.map(w =>
          w.resourceName ? { ...w, namespace: 'team-a' } : w,
        ),
        workPlacements: base.workPlacements.map(wp =>
          wp.resourceName ? { ...wp, namespace: 'team-a' } : wp,
        ),
        pinnedResources: {
          redis: {
            'team-a/r1': 'v1.0.0',
            'team-a/r2': 'v1.0.0',
            'team-a/r3': 'v1.0.0',
          },
        },
      },
      'redis',
      proposal([{ env: 'prod' }]),
    );
    expect(
      r.groups
        .filter(g => g.work.kind === 'resource')
        .flatMap(g => g.resourcesOnExcludedDestinations),
    ).toEqual([]);
    expect(r.warnings.map(w => w.message)).toEqual([
      "3 resource request(s) are pinned to another Promise version by their ResourceBinding: v1.0.0 (team-a/r1, team-a/r2, team-a/r3). Their workflows re-run with that version's spec, so their Works keep its selectors.",
    ]);
  });

  it('a no-op change re-runs nothing and re-schedules nothing', () => {
    const r = whatIfPromiseChange(
      devRedis(),
      'redis',
      proposal([{ env: 'dev' }]),
    );
    expect(r.changed).toBe(false);
    expect(r.summary.workflowsRerun).toBe(0);
    expect(r.groups).toEqual([]);
    expect(r.promises[0].workflows?.total).toBe(0);
    expect(r.markdown).toContain('No change');
  });

  it('any other spec change re-runs the workflows without re-scheduling', () => {
    const r = whatIfPromiseChange(
      devRedis(),
      'redis',
      proposal([{ env: 'dev' }], { specChanged: true }),
    );
    expect(r.changed).toBe(true);
    expect(r.summary).toMatchObject({
      workflowsRerun: 4,
      workPlacementsCreated: 0,
      workPlacementsMisplaced: 0,
      resourcesOnExcludedDestinations: 0,
      destinationsGained: 0,
    });
    // The stale misplaced label on prod-1 is not affected: prod-1 does not match env=dev.
    expect(r.summary.workPlacementsUnmisplaced).toBe(0);
  });

  it('multi-entry selectors: the first entry wins on a conflicting key, and the conflict is reported', () => {
    const r = whatIfPromiseChange(
      devRedis(),
      'redis',
      proposal([{ env: 'prod' }, { env: 'dev', region: 'eu' }]),
    );
    const deps = r.groups.find(g => g.work.kind === 'static-dependency')!;
    expect(deps.after?.matchLabels).toEqual({ env: 'prod', region: 'eu' });
    expect(deps.workPlacementsCreated).toEqual([]); // prod-1 already has a WorkPlacement
    expect(deps.workPlacementsUnmisplaced.map(w => w.destination)).toEqual([
      'prod-1',
    ]);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'selector-conflict', promise: 'redis' }),
    ]);
    expect(r.warnings[0].message).toContain('keeps the first entry (env=prod)');
  });

  it('does not report a conflict that already exists', () => {
    const p = devRedis();
    const promises = [aPromise('redis', [{ env: 'dev' }, { env: 'prod' }])];
    const r = whatIfPromiseChange(
      { ...p, promises },
      'redis',
      proposal([{ env: 'dev' }, { env: 'prod' }, { tier: 'gold' }]),
    );
    expect(r.warnings.filter(w => w.code === 'selector-conflict')).toEqual([]);
  });

  it('empty selectors: every Destination except labelled strictMatchLabels ones', () => {
    const base = devRedis();
    const p: WhatIfPicture = {
      ...base,
      destinations: [
        ...base.destinations,
        aDestination(
          'strict-labelled',
          { env: 'dev' },
          { strictMatchLabels: true },
        ),
        aDestination('strict-bare', {}, { strictMatchLabels: true }),
      ],
    };
    const r = whatIfPromiseChange(p, 'redis', proposal([]));
    const deps = r.groups.find(g => g.work.kind === 'static-dependency')!;
    expect(deps.after).toEqual({ matchLabels: {}, sourceOf: {} });
    expect(deps.workPlacementsCreated).toEqual(['prod-2', 'strict-bare']);
    expect(deps.workPlacementsUnmisplaced.map(w => w.destination)).toEqual([
      'prod-1',
    ]);
    // Resource groups lose their promise selector: their merged selector is empty.
    const r1 = r.groups.find(g => g.work.resourceName === 'r1')!;
    expect(r1.after).toEqual({ matchLabels: {}, sourceOf: {} });
    expect(r.promises[0].newResources?.candidates).toEqual([
      'dev-1',
      'dev-2',
      'prod-1',
      'prod-2',
      'strict-bare',
    ]);
    expect(r.summary.resourcesOnExcludedDestinations).toBe(0);
  });

  it('keeps workflow-sourced selectors, marks those groups assumed-unchanged, replaces only the promise part', () => {
    const w = resourceWork('redis', 'r1', [
      resourceWf({ tier: 'gold' }),
      promiseSel({ env: 'dev' }),
    ]);
    w.workloadGroups.push({
      id: 'f00dfeedf00dfeedf00dfeedf00dfeed',
      directory: 'backstage',
      destinationSelectors: [resourceWf({ environment: 'backstage' })],
    });
    const p = picture({
      destinations: [
        aDestination('dev-gold', { env: 'dev', tier: 'gold' }),
        aDestination('prod-gold', { env: 'prod', tier: 'gold' }),
        aDestination('prod-silver', { env: 'prod', tier: 'silver' }),
        aDestination('backstage', { environment: 'backstage' }),
      ],
      promises: [aPromise('redis', [{ env: 'dev' }], { dependencyCount: 0 })],
      works: [w],
      workPlacements: [
        aWorkPlacement(w, 'dev-gold'),
        aWorkPlacement(w, 'backstage', {
          name: `${w.name}.backstage-f00df`,
          workloadGroupId: 'f00dfeedf00dfeedf00dfeedf00dfeed',
        }),
      ],
      resourceRequests: { redis: 1 },
    });
    const r = whatIfPromiseChange(
      p,
      'redis',
      proposal([{ env: 'prod' }], { dependencyCount: 0 }),
    );
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0];
    expect(g.assumedUnchangedUntilWorkflowRuns).toBe(true);
    expect(g.after).toEqual({
      matchLabels: { tier: 'gold', env: 'prod' },
      sourceOf: { tier: 'resource-workflow', env: 'promise' },
    });
    expect(r.matchChanges[g.matchChange]).toMatchObject({
      destinationsGained: ['prod-gold'],
      destinationsLost: ['dev-gold'],
    });
    expect(g.resourcesOnExcludedDestinations.map(x => x.destination)).toEqual([
      'dev-gold',
    ]);
    // Both groups come from workflow output; the backstage one keeps only its own selector.
    expect(r.summary.groupsAssumedUnchanged).toBe(2);
    expect(r.promises[0].staticDependencies).toBe('none');
    expect(r.markdown).toContain('assumed unchanged until their workflow runs');
  });

  it('a workflow selector that conflicts with the promise selector loses (promise wins)', () => {
    const w = resourceWork('redis', 'r1', [resourceWf({ env: 'staging' })]);
    const p = picture({
      destinations: [
        aDestination('staging-1', { env: 'staging' }),
        aDestination('prod-1', { env: 'prod' }),
      ],
      promises: [aPromise('redis', [], { dependencyCount: 0 })],
      works: [w],
      workPlacements: [aWorkPlacement(w, 'staging-1')],
      resourceRequests: { redis: 1 },
    });
    const r = whatIfPromiseChange(
      p,
      'redis',
      proposal([{ env: 'prod' }], { dependencyCount: 0 }),
    );
    const g = r.groups[0];
    expect(g.after).toEqual({
      matchLabels: { env: 'prod' },
      sourceOf: { env: 'promise' },
    });
    expect(g.resourcesOnExcludedDestinations.map(x => x.destination)).toEqual([
      'staging-1',
    ]);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'workflow-selector-overridden',
        message: expect.stringContaining(
          'resource-workflow selector env=staging is overridden',
        ),
      }),
    ]);
  });

  it('promise-workflow Works get the new promise selectors when the Promise workflow re-runs', () => {
    const w = promiseWorkflowWork('redis', [
      promiseWf({ tier: 'gold' }),
      promiseSel({ env: 'dev' }),
    ]);
    const p = picture({
      destinations: [
        aDestination('dev-gold', { env: 'dev', tier: 'gold' }),
        aDestination('prod-gold', { env: 'prod', tier: 'gold' }),
      ],
      promises: [
        aPromise('redis', [{ env: 'dev' }], {
          dependencyCount: 0,
          api: undefined,
        }),
      ],
      works: [w],
      workPlacements: [aWorkPlacement(w, 'dev-gold')],
    });
    const r = whatIfPromiseChange(
      p,
      'redis',
      proposal([{ env: 'prod' }], { dependencyCount: 0 }),
    );
    const g = r.groups[0];
    expect(g.work.kind).toBe('promise-workflow');
    expect(g.when).toBe('after-workflow-run');
    expect(g.assumedUnchangedUntilWorkflowRuns).toBe(true);
    expect(g.workPlacementsCreated).toEqual(['prod-gold']);
    expect(g.workPlacementsMisplaced.map(x => x.destination)).toEqual([
      'dev-gold',
    ]);
    expect(r.summary.workflowsRerun).toBe(1);
    expect(r.promises[0].newResources).toBeUndefined();

    // Without a Promise configure workflow in the proposed spec, nothing rewrites those Works.
    const r2 = whatIfPromiseChange(
      p,
      'redis',
      proposal([{ env: 'prod' }], { dependencyCount: 0, promiseConfigure: [] }),
    );
    expect(r2.groups).toEqual([]);
    expect(r2.summary.workflowsRerun).toBe(0);
    expect(r2.notes.join(' ')).toContain('no Promise configure workflow');
  });

  it('warns about gained Destinations that are not Ready or whose state store is missing or not Ready', () => {
    const base = devRedis();
    const p: WhatIfPicture = {
      ...base,
      destinations: [
        aDestination('dev-1', { env: 'dev' }),
        aDestination(
          'prod-1',
          { env: 'prod' },
          { ready: 'False', readyReason: 'StateStoreNotReady' },
        ),
        aDestination(
          'prod-2',
          { env: 'prod' },
          { stateStoreRef: { kind: 'BucketStateStore', name: 'gone' } },
        ),
        aDestination(
          'prod-3',
          { env: 'prod' },
          { stateStoreRef: { kind: 'GitStateStore', name: 'broken' } },
        ),
        aDestination('prod-4', { env: 'prod' }, { stateStoreRef: undefined }),
      ],
      stateStores: [
        aStateStore(),
        aStateStore({
          name: 'broken',
          ready: 'False',
          readyReason: 'SecretNotFound',
        }),
      ],
    };
    const r = whatIfPromiseChange(p, 'redis', proposal([{ env: 'prod' }]));
    expect(r.warnings.map(w => [w.code, w.destination])).toEqual([
      ['destination-not-ready', 'prod-1'],
      ['state-store-missing', 'prod-2'],
      ['state-store-not-ready', 'prod-3'],
      ['state-store-missing', 'prod-4'],
    ]);
    expect(r.warnings[0].message).toContain('StateStoreNotReady');
    expect(r.warnings[0].message).toContain(
      'nothing is written until its state store is available',
    );
    expect(r.markdown).toContain('⚠️');
  });

  it('warns when the proposed selector matches no Destination', () => {
    const r = whatIfPromiseChange(
      devRedis(),
      'redis',
      proposal([{ env: 'qa' }]),
    );
    expect(r.warnings.map(w => w.code)).toEqual(['selector-matches-nothing']);
    expect(r.summary.workPlacementsMisplaced).toBe(3 - 1); // dev-1, dev-2 (prod-1 is already labelled)
    expect(r.summary.workPlacementsCreated).toBe(0);
    expect(r.promises[0].newResources?.candidates).toEqual([]);
  });

  describe('selector values that are not valid label values', () => {
    it('current: the selector fails to parse, the Works fail to schedule and nothing moves', () => {
      const r = whatIfPromiseChange(
        devRedis(),
        'redis',
        proposal([{ env: 'prod eu' }]),
      );
      expect(r.warnings.map(w => w.code)).toEqual(['invalid-selector-value']);
      expect(r.warnings[0].message).toContain('fails to schedule');
      const deps = r.groups.find(g => g.work.kind === 'static-dependency')!;
      expect(deps.schedulingFails).toContain('cannot parse');
      expect(r.summary).toMatchObject({
        workPlacementsCreated: 0,
        workPlacementsMisplaced: 0,
        workPlacementsUnmisplaced: 0,
        resourcesOnExcludedDestinations: 0,
        destinationsGained: 0,
        destinationsLost: 0,
        workflowsRerun: 4,
      });
      expect(r.matchChanges[deps.matchChange].unparseable).toBe(true);
    });

    it('v0.125: the parse error is ignored and ALL Destinations match, strictMatchLabels ones too', () => {
      const base = devRedis('v0.125');
      const p: WhatIfPicture = {
        ...base,
        destinations: [
          ...base.destinations,
          aDestination('strict', { env: 'qa' }, { strictMatchLabels: true }),
        ],
      };
      const r = whatIfPromiseChange(p, 'redis', proposal([{ env: 'Prod!' }]));
      expect(r.warnings[0].code).toBe('invalid-selector-value');
      expect(r.warnings[0].message).toContain('selects ALL Destinations');
      const deps = r.groups.find(g => g.work.kind === 'static-dependency')!;
      expect(deps.schedulingFails).toBeUndefined();
      expect(deps.workPlacementsCreated).toEqual(['prod-2', 'strict']);
      expect(deps.workPlacementsMisplaced).toEqual([]);
      expect(deps.workPlacementsUnmisplaced.map(w => w.destination)).toEqual([
        'prod-1',
      ]);
      expect(r.promises[0].newResources?.candidates).toHaveLength(5);
    });

    it('current: a failing group stops the Work, later groups are not reconciled', () => {
      const w = resourceWork('redis', 'r1', [resourceWf({ 'bad key!': 'x' })]);
      w.workloadGroups.push({
        id: 'f00dfeedf00dfeedf00dfeedf00dfeed',
        directory: '.',
        destinationSelectors: [promiseSel({ env: 'dev' })],
      });
      const p = picture({
        destinations: dests(),
        promises: [aPromise('redis', [{ env: 'dev' }], { dependencyCount: 0 })],
        works: [w],
        workPlacements: [
          aWorkPlacement(w, 'dev-1', {
            name: `${w.name}.dev-1-f00df`,
            workloadGroupId: 'f00dfeedf00dfeedf00dfeedf00dfeed',
          }),
        ],
        resourceRequests: { redis: 1 },
      });
      const r = whatIfPromiseChange(
        p,
        'redis',
        proposal([{ env: 'prod' }], { dependencyCount: 0 }),
      );
      const second = r.groups.find(
        g => g.groupId === 'f00dfeedf00dfeedf00dfeedf00dfeed',
      )!;
      expect(second.schedulingFails).toContain('earlier workload group');
      expect(second.resourcesOnExcludedDestinations).toEqual([]);
    });
  });

  it('dependencies removed: the static-dependency Work and its WorkPlacements are deleted', () => {
    const r = whatIfPromiseChange(
      devRedis(),
      'redis',
      proposal([{ env: 'dev' }], { dependencyCount: 0 }),
    );
    expect(r.changed).toBe(true);
    const deps = r.groups.find(g => g.work.kind === 'static-dependency')!;
    expect(deps.workChange).toBe('deleted');
    expect(deps.after).toBeNull();
    expect(deps.workPlacementsDeleted.map(w => w.destination)).toEqual([
      'dev-1',
      'dev-2',
      'prod-1',
    ]);
    expect(r.summary).toMatchObject({
      worksDeleted: 1,
      workPlacementsDeleted: 3,
      workflowsRerun: 4,
    });
    expect(r.promises[0].staticDependencies).toBe('deleted');
    expect(r.warnings.map(w => w.code)).toEqual(['dependencies-removed']);
    expect(r.markdown).toContain('Deleted with their files');
  });

  it('dependencies added: Kratix creates the static-dependency Work on every match', () => {
    const base = devRedis();
    const p: WhatIfPicture = {
      ...base,
      promises: [aPromise('redis', [{ env: 'dev' }], { dependencyCount: 0 })],
      works: base.works.filter(w => w.workType !== 'static-dependency'),
    };
    const r = whatIfPromiseChange(
      p,
      'redis',
      proposal([{ env: 'dev' }], { dependencyCount: 2 }),
    );
    const deps = r.groups.find(g => g.work.kind === 'static-dependency')!;
    expect(deps.workChange).toBe('created');
    expect(deps.workPlacementsCreated).toEqual(['dev-1', 'dev-2']);
    expect(r.summary).toMatchObject({
      worksCreated: 1,
      workPlacementsCreated: 2,
    });
    expect(r.promises[0].staticDependencies).toBe('created');
  });

  it('estimates the resource request count from the resource Works when not given', () => {
    const p = { ...devRedis(), resourceRequests: undefined };
    const r = whatIfPromiseChange(p, 'redis', proposal([{ env: 'prod' }]));
    expect(r.promises[0].workflows).toMatchObject({
      resourceRequests: 3,
      resourceRequestsEstimated: true,
    });
    expect(r.warnings.map(w => w.code)).toContain('resource-count-estimated');
  });

  it('unscheduled resource groups become schedulable once their workflow re-runs', () => {
    const w = resourceWork('redis', 'r1', [promiseSel({ env: 'qa' })]);
    const p = picture({
      destinations: dests(),
      promises: [aPromise('redis', [{ env: 'qa' }], { dependencyCount: 0 })],
      works: [w],
      resourceRequests: { redis: 1 },
    });
    const r = whatIfPromiseChange(
      p,
      'redis',
      proposal([{ env: 'prod' }], { dependencyCount: 0 }),
    );
    expect(r.summary.resourceGroupsBecomingSchedulable).toBe(1);
    expect(r.matchChanges[r.groups[0].matchChange].candidates).toEqual([
      'prod-1',
      'prod-2',
    ]);
  });

  it('v0.125: notes the #486 false positives for resource WorkPlacements with several matches', () => {
    const w = resourceWork('redis', 'r1', [promiseSel({ env: 'dev' })]);
    const p = picture(
      {
        destinations: dests(),
        promises: [aPromise('redis', [{ env: 'dev' }], { dependencyCount: 0 })],
        works: [w],
        workPlacements: [aWorkPlacement(w, 'prod-1')],
        resourceRequests: { redis: 1 },
      },
      'v0.125',
    );
    const r = whatIfPromiseChange(
      p,
      'redis',
      proposal([{ env: 'prod' }], { dependencyCount: 0 }),
    );
    expect(r.notes.join(' ')).toContain('#486');
    expect(r.summary.resourcesOnExcludedDestinations).toBe(0);
  });

  it('warns that a paused Promise does nothing (current generation)', () => {
    const base = devRedis();
    const p = {
      ...base,
      promises: [
        aPromise('redis', [{ env: 'dev' }], {
          labels: { 'kratix.io/paused': 'true' },
        }),
      ],
    };
    const r = whatIfPromiseChange(p, 'redis', proposal([{ env: 'prod' }]));
    expect(r.warnings.map(w => w.code)).toContain('promise-paused');
  });

  it('only looks at the Works of the given Promise and ignores dry-run Works', () => {
    const base = devRedis();
    const other = staticDepsWork('postgres', [promiseSel({ env: 'dev' })]);
    const dry = resourceWork('redis', 'dry', [promiseSel({ env: 'dev' })], {
      labels: { 'kratix.io/dry-run': 'true' },
    });
    const p = {
      ...base,
      promises: [...base.promises, aPromise('postgres', [{ env: 'dev' }])],
      works: [...base.works, other, dry],
      workPlacements: [
        ...base.workPlacements,
        aWorkPlacement(other, 'dev-1'),
        aWorkPlacement(dry, 'dev-1'),
      ],
    };
    const r = whatIfPromiseChange(p, 'redis', proposal([{ env: 'prod' }]));
    expect(
      r.groups.every(
        g => g.work.promise === 'redis' && g.work.resourceName !== 'dry',
      ),
    ).toBe(true);
    expect(r.summary.workPlacementsMisplaced).toBe(2);
  });

  it('rejects an unknown Promise', () => {
    expect(() => whatIfPromiseChange(devRedis(), 'nope', proposal([]))).toThrow(
      /nope/,
    );
  });

  it('caps the group details but counts everything', () => {
    const r = whatIfPromiseChange(
      devRedis(),
      'redis',
      proposal([{ env: 'prod' }]),
      {
        maxGroupDetails: 2,
      },
    );
    expect(r.groups).toHaveLength(2);
    expect(r.groups[0].work.kind).toBe('static-dependency');
    expect(r.groupsOmitted).toBe(2);
    expect(r.summary.resourcesOnExcludedDestinations).toBe(2);
    expect(r.markdown).toContain('2 more are counted above');
  });
});

describe('proposedPromiseFromSpec', () => {
  const current = {
    destinationSelectors: [{ matchLabels: { env: 'dev' } }],
    dependencies: [{ kind: 'Namespace', metadata: { name: 'a' } }],
    workflows: { promise: { configure: [{ metadata: { name: 'p1' } }] } },
  };

  it('extracts what the engine needs and compares with the current spec', () => {
    const proposed = {
      ...current,
      destinationSelectors: [{ matchLabels: { env: 'prod' } }],
    };
    expect(proposedPromiseFromSpec(proposed, current)).toEqual({
      destinationSelectors: [{ matchLabels: { env: 'prod' } }],
      dependencyCount: 1,
      dependenciesChanged: false,
      specChanged: true,
      promiseConfigure: ['p1'],
    });
  });

  it('sees equal specs regardless of key order, and changed dependencies', () => {
    const reordered = {
      workflows: current.workflows,
      dependencies: current.dependencies,
      destinationSelectors: current.destinationSelectors,
    };
    expect(proposedPromiseFromSpec(reordered, current).specChanged).toBe(false);
    const changedDeps = {
      ...current,
      dependencies: [{ kind: 'Namespace', metadata: { name: 'b' } }],
    };
    expect(proposedPromiseFromSpec(changedDeps, current)).toMatchObject({
      dependenciesChanged: true,
      specChanged: true,
    });
    expect(proposedPromiseFromSpec({}, current)).toMatchObject({
      destinationSelectors: [],
      dependencyCount: 0,
      promiseConfigure: [],
    });
  });
});
