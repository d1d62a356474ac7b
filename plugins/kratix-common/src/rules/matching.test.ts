import { describeMismatch, matchDestination } from './matching';

const dest = (labels: Record<string, string>, extra: object = {}) => ({
  labels,
  strictMatchLabels: false,
  ...extra,
});

describe('matchDestination', () => {
  const current = { generation: 'current' as const };

  it('matches when every selector label is equal, extra labels allowed', () => {
    expect(
      matchDestination(
        { environment: 'dev' },
        dest({ environment: 'dev', region: 'eu' }),
        current,
      ),
    ).toEqual({ matched: true, reasons: [] });
  });

  it('names each missing label and each different value', () => {
    const r = matchDestination(
      { environment: 'prod', region: 'eu' },
      dest({ environment: 'dev' }),
      current,
    );
    expect(r.matched).toBe(false);
    expect(r.reasons).toEqual([
      {
        type: 'different-value',
        key: 'environment',
        expected: 'prod',
        actual: 'dev',
      },
      { type: 'missing-label', key: 'region', expected: 'eu' },
    ]);
    expect(r.reasons.map(describeMismatch)).toEqual([
      'label environment is "dev", selector wants "prod"',
      'label region is missing (selector wants region=eu)',
    ]);
  });

  it('empty selector matches every Destination except strict ones with labels', () => {
    expect(matchDestination({}, dest({ a: 'b' }), current).matched).toBe(true);
    expect(
      matchDestination({}, dest({}, { strictMatchLabels: true }), current)
        .matched,
    ).toBe(true);
    expect(
      matchDestination(
        {},
        dest({ a: 'b' }, { strictMatchLabels: true }),
        current,
      ),
    ).toEqual({
      matched: false,
      reasons: [{ type: 'strict-match-labels' }],
    });
  });

  it('ignores strictMatchLabels when the selector is not empty', () => {
    expect(
      matchDestination(
        { a: 'b' },
        dest({ a: 'b' }, { strictMatchLabels: true }),
        current,
      ).matched,
    ).toBe(true);
  });

  it('excludes Destinations being deleted or labelled dry-run in the current generation only', () => {
    const deleting = dest(
      { a: 'b' },
      { deletionTimestamp: '2026-01-01T00:00:00Z' },
    );
    expect(matchDestination({ a: 'b' }, deleting, current).reasons).toEqual([
      { type: 'being-deleted' },
    ]);
    expect(
      matchDestination({ a: 'b' }, deleting, { generation: 'v0.125' }).matched,
    ).toBe(true);
    const dryRun = dest({ a: 'b', 'kratix.io/dry-run': 'true' });
    expect(matchDestination({ a: 'b' }, dryRun, current).reasons).toEqual([
      { type: 'dry-run-destination' },
    ]);
    // The dry-run selector itself opens dry-run Destinations (a dry-run Work is scheduled with it).
    expect(
      matchDestination({ 'kratix.io/dry-run': 'true' }, dryRun, current)
        .matched,
    ).toBe(true);
    expect(
      matchDestination({ a: 'b' }, dryRun, { generation: 'v0.125' }).matched,
    ).toBe(true);
  });
});
