import { WhatIfWorkKind } from '@kratix-backstage/plugin-kratix-common';
import { WhatIfResultBuilder, emptyGroupLists } from './result';

function addGroup(
  b: WhatIfResultBuilder,
  kind: WhatIfWorkKind,
  name: string,
  groupId: string,
) {
  const mc = b.matchChange('a|b|false', () => ({
    before: { env: 'dev' },
    after: { env: 'prod' },
    destinationsGained: ['prod-1'],
    destinationsLost: ['dev-1'],
    matchesBefore: 1,
    matchesAfter: 1,
  }));
  return b.addGroup(
    {
      work: { promise: 'p', namespace: 'ns', name, kind },
      groupId,
      directory: '.',
      when: 'after-workflow-run',
      assumedUnchangedUntilWorkflowRuns: false,
      before: null,
      after: null,
      selectorChanged: true,
      ...emptyGroupLists(),
      resourcesOnExcludedDestinations: [
        { namespace: 'ns', name: `${name}.dev-1`, destination: 'dev-1' },
      ],
    },
    mc,
  );
}

describe('WhatIfResultBuilder group details', () => {
  it('answers the first groups in answer order, however many came and in whatever order', () => {
    const b = new WhatIfResultBuilder('promise', 'current', {
      maxGroupDetails: 3,
    });
    // 40 resource groups, last Work first, then one static-dependency group at the very end:
    // more than twice the limit, so the builder trims while they come.
    for (let i = 39; i >= 0; i--) {
      addGroup(b, 'resource', `w-${String(i).padStart(2, '0')}`, 'g');
    }
    addGroup(b, 'static-dependency', 'z-deps', 'g');
    const r = b.finish(true);
    expect(r.groups.map(g => `${g.work.kind}:${g.work.name}`)).toEqual([
      'static-dependency:z-deps',
      'resource:w-00',
      'resource:w-01',
    ]);
    expect(r.groupsOmitted).toBe(38);
    // Every group is counted, kept in the details or not.
    expect(r.summary.groupsAffected).toBe(41);
    expect(r.summary.resourcesOnExcludedDestinations).toBe(41);
    expect(r.matchChanges[0].groups).toBe(41);
  });

  it('keeps every group when there are fewer than the limit', () => {
    const b = new WhatIfResultBuilder('promise', 'current');
    addGroup(b, 'resource', 'w-1', 'g2');
    addGroup(b, 'resource', 'w-1', 'g1');
    const r = b.finish(true);
    expect(r.groups.map(g => g.groupId)).toEqual(['g1', 'g2']);
    expect(r.groupsOmitted).toBe(0);
  });
});
