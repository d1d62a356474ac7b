import {
  schedulingSelector,
  mergeWorkloadGroupSelectors,
  promiseDependencySelectors,
  squashPromiseScheduling,
} from './selectors';

describe('squashPromiseScheduling', () => {
  it('unions the keys of all entries', () => {
    const r = squashPromiseScheduling([
      { matchLabels: { environment: 'dev' } },
      { matchLabels: { region: 'eu' } },
    ]);
    expect(r.matchLabels).toEqual({ environment: 'dev', region: 'eu' });
    expect(r.entryOf).toEqual({ environment: 0, region: 1 });
    expect(r.conflicts).toEqual([]);
  });

  it('keeps the first entry on a conflicting key and reports the loser', () => {
    const r = squashPromiseScheduling([
      { matchLabels: { environment: 'dev' } },
      { matchLabels: { environment: 'prod', tier: 'gold' } },
    ]);
    expect(r.matchLabels).toEqual({ environment: 'dev', tier: 'gold' });
    expect(r.conflicts).toEqual([
      {
        key: 'environment',
        ignoredValue: 'prod',
        keptValue: 'dev',
        ignoredFrom: 'destinationSelectors[1]',
        keptFrom: 'destinationSelectors[0]',
      },
    ]);
  });

  it('gives an empty selector for no entries', () => {
    expect(squashPromiseScheduling([]).matchLabels).toEqual({});
  });
});

describe('mergeWorkloadGroupSelectors', () => {
  it('lets the Promise spec win over both workflows, whatever the order', () => {
    const r = mergeWorkloadGroupSelectors([
      { matchLabels: { environment: 'prod' }, source: 'promise' },
      {
        matchLabels: { environment: 'dev', team: 'a' },
        source: 'resource-workflow',
      },
      { matchLabels: { environment: 'staging' }, source: 'promise-workflow' },
    ]);
    expect(r.matchLabels).toEqual({ environment: 'prod', team: 'a' });
    expect(r.sourceOf).toEqual({
      environment: 'promise',
      team: 'resource-workflow',
    });
    expect(r.conflicts.map(c => `${c.ignoredFrom}->${c.keptFrom}`)).toEqual([
      'resource-workflow->promise-workflow',
      'promise-workflow->promise',
    ]);
  });

  it('lets the promise workflow win over the resource workflow', () => {
    const r = mergeWorkloadGroupSelectors([
      { matchLabels: { zone: 'b' }, source: 'promise-workflow' },
      { matchLabels: { zone: 'a' }, source: 'resource-workflow' },
    ]);
    expect(r.matchLabels).toEqual({ zone: 'b' });
  });

  it('treats an unknown source as lowest priority and lets the later entry of one source win', () => {
    const r = mergeWorkloadGroupSelectors([
      { matchLabels: { zone: 'x' }, source: '' },
      { matchLabels: { zone: 'y' }, source: 'resource-workflow' },
    ]);
    expect(r.matchLabels).toEqual({ zone: 'y' });
  });
});

describe('promiseDependencySelectors', () => {
  it('puts the squashed spec selectors with source promise', () => {
    expect(
      promiseDependencySelectors([
        { matchLabels: { a: '1' } },
        { matchLabels: { a: '2', b: '3' } },
      ]),
    ).toEqual([{ matchLabels: { a: '1', b: '3' }, source: 'promise' }]);
  });

  it('gives no selector when the spec has none', () => {
    expect(promiseDependencySelectors([])).toEqual([]);
  });
});

describe('schedulingSelector', () => {
  const groupSelectors = [
    { matchLabels: { environment: 'dev' }, source: 'promise' },
  ];
  const dryRunWork = { labels: { 'kratix.io/dry-run': 'true' } };

  it('schedules a dry-run Work with the dry-run selector on current Kratix', () => {
    expect(
      schedulingSelector(dryRunWork, groupSelectors, 'current').matchLabels,
    ).toEqual({
      'kratix.io/dry-run': 'true',
    });
  });

  it('uses the merged group selectors for other Works and on v0.125', () => {
    expect(
      schedulingSelector({ labels: {} }, groupSelectors, 'current').matchLabels,
    ).toEqual({ environment: 'dev' });
    expect(
      schedulingSelector(dryRunWork, groupSelectors, 'v0.125').matchLabels,
    ).toEqual({ environment: 'dev' });
  });
});
