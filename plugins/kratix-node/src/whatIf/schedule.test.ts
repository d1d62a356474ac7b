import { matchDestination } from '@kratix-backstage/plugin-kratix-common';
import { whatIfWorkKind } from './picture';
import {
  DestinationMatcher,
  MergedSelectorCache,
  scheduleSelector,
  schedulesTo,
  selectorParseProblem,
  unparseableSelectorOutcome,
} from './schedule';
import { aDestination, promiseSel, resourceWf } from './__testUtils__/picture';

describe('selectorParseProblem', () => {
  it('accepts valid selectors, including empty values and prefixed keys', () => {
    expect(selectorParseProblem({})).toBeUndefined();
    expect(
      selectorParseProblem({ env: 'prod', 'kratix.io/x': '', a: 'A-1_b.c' }),
    ).toBeUndefined();
  });

  it('names the first key or value labels.Parse would reject', () => {
    expect(selectorParseProblem({ env: 'prod eu' })).toContain(
      'label value "prod eu"',
    );
    expect(selectorParseProblem({ env: 'x'.repeat(64) })).toBeDefined();
    expect(selectorParseProblem({ 'bad key': 'x' })).toContain(
      'label key "bad key"',
    );
    expect(selectorParseProblem({ env: 'dev,tier=gold' })).toBeDefined();
  });

  it('unparseable selectors: scheduling fails (current) or selects everything (v0.125)', () => {
    expect(unparseableSelectorOutcome('current')).toBe('scheduling-fails');
    expect(unparseableSelectorOutcome('v0.125')).toBe('all-destinations');
    const bad = scheduleSelector({ env: 'a b' });
    const strict = aDestination(
      's',
      { env: 'dev' },
      { strictMatchLabels: true },
    );
    expect(schedulesTo(bad, strict, 'current')).toBeUndefined();
    expect(schedulesTo(bad, strict, 'v0.125')).toBe(true);
    expect(
      schedulesTo(scheduleSelector({ env: 'dev' }), strict, 'current'),
    ).toBe(true);
  });
});

describe('DestinationMatcher', () => {
  const destinations = Array.from({ length: 60 }, (_, i) =>
    aDestination(
      `d-${i}`,
      i % 7 === 0
        ? {}
        : {
            env: i % 2 ? 'dev' : 'prod',
            region: `r${i % 3}`,
            tier: `t${i % 5}`,
          },
      {
        strictMatchLabels: i % 4 === 0,
        deletionTimestamp: i === 5 ? '2026-01-01T00:00:00Z' : undefined,
        ...(i === 9
          ? { labels: { env: 'dev', 'kratix.io/dry-run': 'true' } }
          : {}),
      },
    ),
  );
  const selectors: Array<Record<string, string>> = [
    {},
    { env: 'dev' },
    { env: 'prod', region: 'r1' },
    { region: 'r2', tier: 't3' },
    { env: 'qa' },
    { env: 'dev', missing: 'x' },
  ];

  it.each(['current', 'v0.125'] as const)(
    'agrees with matchDestination on every Destination (%s)',
    generation => {
      const matcher = new DestinationMatcher(destinations, generation);
      for (const s of selectors) {
        const expected = destinations
          .filter(d => matchDestination(s, d, { generation }).matched)
          .map(d => d.name)
          .sort();
        expect(matcher.match(scheduleSelector(s)).names).toEqual(expected);
      }
    },
  );

  it('caches per selector, whatever the key order', () => {
    const matcher = new DestinationMatcher(destinations, 'current');
    const a = matcher.match(scheduleSelector({ env: 'prod', region: 'r1' }));
    expect(matcher.match(scheduleSelector({ region: 'r1', env: 'prod' }))).toBe(
      a,
    );
  });

  it('unparseable: every Destination at v0.125, a failure in the current generation', () => {
    const bad = scheduleSelector({ env: 'not valid!' });
    expect(
      new DestinationMatcher(destinations, 'v0.125').match(bad).names,
    ).toHaveLength(60);
    expect(
      new DestinationMatcher(destinations, 'current').match(bad),
    ).toMatchObject({
      fails: true,
      names: [],
    });
  });
});

describe('MergedSelectorCache', () => {
  it('merges once per distinct list and keeps lists apart', () => {
    const cache = new MergedSelectorCache();
    const a = cache.get([
      resourceWf({ env: 'staging' }),
      promiseSel({ env: 'dev' }),
    ]);
    expect(a.merged.matchLabels).toEqual({ env: 'dev' });
    expect(
      cache.get([resourceWf({ env: 'staging' }), promiseSel({ env: 'dev' })]),
    ).toBe(a);
    // Same labels from another source, or split differently, are different lists.
    expect(cache.get([resourceWf({ env: 'dev' })])).not.toBe(a);
    const ab = cache.get([resourceWf({ a: 'b:c' })]);
    const abc = cache.get([resourceWf({ 'a:b': 'c' })]);
    expect(ab).not.toBe(abc);
    expect(ab.selector.id).not.toBe(abc.selector.id);
    // Equal merged selectors share one schedule selector.
    expect(cache.get([promiseSel({ env: 'dev' })]).selector).toBe(a.selector);
  });
});

describe('whatIfWorkKind', () => {
  it('classifies by resourceName first, then kratix.io/work-type', () => {
    expect(whatIfWorkKind({ resourceName: 'x', workType: 'promise' })).toBe(
      'resource',
    );
    expect(
      whatIfWorkKind({ resourceName: '', workType: 'static-dependency' }),
    ).toBe('static-dependency');
    expect(whatIfWorkKind({ resourceName: '', workType: 'promise' })).toBe(
      'promise-workflow',
    );
    expect(whatIfWorkKind({ resourceName: '', pipelineName: 'p' })).toBe(
      'promise-workflow',
    );
    expect(whatIfWorkKind({ resourceName: '' })).toBe('other-dependency');
  });
});
