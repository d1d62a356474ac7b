import { aDestination, aWork, aWorkPlacement } from '../testUtils';
import {
  assessWorkPlacement,
  misplacedConditionSince,
  misplacementLabelOf,
} from './misplacement';

describe('misplacementLabelOf', () => {
  it('recognises the current and the legacy label, only with value true', () => {
    expect(misplacementLabelOf({ 'kratix.io/misplaced': 'true' })).toBe(
      'kratix.io/misplaced',
    );
    expect(misplacementLabelOf({ 'kratix.io/misscheduled': 'true' })).toBe(
      'kratix.io/misscheduled',
    );
    expect(
      misplacementLabelOf({ 'kratix.io/misplaced': 'false' }),
    ).toBeUndefined();
    expect(misplacementLabelOf(undefined)).toBeUndefined();
  });
});

describe('misplacedConditionSince', () => {
  it('reads both condition vocabularies', () => {
    expect(
      misplacedConditionSince([
        { type: 'Misscheduled', status: 'True', lastTransitionTime: 't1' },
      ]),
    ).toBe('t1');
    expect(
      misplacedConditionSince([
        {
          type: 'ScheduleSucceeded',
          status: 'False',
          reason: 'DestinationSelectorMismatch',
          lastTransitionTime: 't2',
        },
      ]),
    ).toBe('t2');
    expect(
      misplacedConditionSince([{ type: 'Ready', status: 'True' }]),
    ).toBeUndefined();
  });
});

describe('assessWorkPlacement', () => {
  const work = aWork('redis-static-deps-abcde', [
    { matchLabels: { environment: 'prod' }, source: 'promise' },
  ]);
  const dev = aDestination('dev-1', { environment: 'dev' });

  it('reports a misplaced dependency WorkPlacement whose Destination no longer matches', () => {
    const wp = aWorkPlacement(work, 'dev-1', {
      labels: { 'kratix.io/misplaced': 'true' },
    });
    expect(assessWorkPlacement(wp, work, dev, 'current')).toEqual({
      misplaced: true,
      label: 'kratix.io/misplaced',
      kind: 'dependency',
      destinationExists: true,
      destinationStillMatches: false,
      reasons: [
        {
          type: 'different-value',
          key: 'environment',
          expected: 'prod',
          actual: 'dev',
        },
      ],
      labelIsStale: false,
    });
  });

  it('flags a stale label on a resource WorkPlacement whose Destination matches again', () => {
    const rwork = aWork(
      'redis-example-x',
      [{ matchLabels: { environment: 'dev' }, source: 'promise' }],
      {
        namespace: 'default',
        resourceName: 'example',
      },
    );
    const wp = aWorkPlacement(rwork, 'dev-1', {
      labels: { 'kratix.io/misscheduled': 'true' },
    });
    const a = assessWorkPlacement(wp, rwork, dev, 'v0.125');
    expect(a.kind).toBe('resource');
    expect(a.destinationStillMatches).toBe(true);
    expect(a.labelIsStale).toBe(true);
  });

  it('says the Destination is gone and leaves matching unknown', () => {
    const wp = aWorkPlacement(work, 'gone', {
      labels: { 'kratix.io/misplaced': 'true' },
    });
    const a = assessWorkPlacement(wp, work, undefined, 'current');
    expect(a.destinationExists).toBe(false);
    expect(a.destinationStillMatches).toBeNull();
  });

  it('leaves matching unknown when the Work is not known', () => {
    const wp = aWorkPlacement(work, 'dev-1');
    const a = assessWorkPlacement(wp, undefined, dev, 'current');
    expect(a.misplaced).toBe(false);
    expect(a.destinationStillMatches).toBeNull();
  });
});
