import { targeting } from '../../__testUtils__/fixtures';
import { schedulingAfterChange } from './schedulingAfterChange';
import { groupNodeId, schedulingGraph } from './schedulingGraph';
import { moveToProd } from '../../__testUtils__/whatIfFixtures';

describe('schedulingAfterChange', () => {
  const deps = groupNodeId(targeting.workloadGroups[0]);

  it('applies the what-if to today’s targeting: matches moved, the dev WorkPlacement becomes misplaced', () => {
    const { after, changes } = schedulingAfterChange(targeting, moveToProd);
    expect(changes).toEqual({
      gained: ['worker-prod'],
      lost: ['worker-dev'],
      becomeMisplaced: [{ group: deps, destination: 'worker-dev' }],
    });
    expect(after.selector).toEqual({ environment: 'prod', zone: 'eu' });
    const byName = new Map(after.destinations.map(d => [d.name, d]));
    expect(byName.get('worker-dev')).toMatchObject({
      matched: false,
      misplaced: 1,
    });
    expect(byName.get('worker-prod')).toMatchObject({
      matched: true,
      misplaced: 0,
    });
    const group = after.workloadGroups.find(g => groupNodeId(g) === deps)!;
    expect(group.matching).toEqual(['worker-prod']);
    expect(group.placedOn).toEqual(['worker-dev', 'worker-prod']);
    // The untouched resource group stays as it is.
    expect(after.workloadGroups[1]).toBe(targeting.workloadGroups[1]);
  });

  it('marks the new misplaced edge apart from the already misplaced ones', () => {
    const { after, changes } = schedulingAfterChange(targeting, moveToProd);
    const g = schedulingGraph(
      after.destinations,
      after.workloadGroups,
      after.selector,
      changes,
    );
    expect(g.edges.filter(e => e.from === deps)).toEqual(
      expect.arrayContaining([
        {
          from: deps,
          to: 'worker-dev',
          placements: 1,
          misplaced: true,
          becomesMisplaced: true,
        },
        {
          from: deps,
          to: 'worker-prod',
          placements: 1,
          misplaced: false,
          becomesMisplaced: false,
        },
      ]),
    );
    const dev = g.destinations.find(n => n.id === 'worker-dev')!;
    const prod = g.destinations.find(n => n.id === 'worker-prod')!;
    expect([dev.lost, dev.gained, prod.gained, prod.lost]).toEqual([
      1, 0, 1, 0,
    ]);
  });

  it('drops the groups of a deleted Work and adds those of a created one', () => {
    const deleted = {
      ...moveToProd,
      groups: [{ ...moveToProd.groups[0], workChange: 'deleted' as const }],
    };
    expect(
      schedulingAfterChange(targeting, deleted).after.workloadGroups,
    ).toEqual([targeting.workloadGroups[1]]);

    const created = {
      ...moveToProd,
      groups: [
        {
          ...moveToProd.groups[0],
          work: { ...moveToProd.groups[0].work, name: 'redis-new-deps' },
          workChange: 'created' as const,
          workPlacementsCreated: ['worker-prod'],
          workPlacementsMisplaced: [],
          workPlacementsUnmisplaced: [],
        },
      ],
    };
    const added = schedulingAfterChange(targeting, created).after
      .workloadGroups[2];
    expect(added).toMatchObject({
      work: { namespace: 'kratix-platform-system', name: 'redis-new-deps' },
      kind: 'dependency',
      matching: ['worker-prod'],
      placedOn: ['worker-prod'],
    });
  });
});
