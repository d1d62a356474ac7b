import { specDiff } from './specDiff';

describe('specDiff', () => {
  it('is empty for equal specs regardless of key order', () => {
    expect(specDiff('p', { a: 1, b: 2 }, { b: 2, a: 1 })).toBe('');
  });
  it('shows changed selector lines', () => {
    const d = specDiff(
      'p',
      { destinationSelectors: [{ matchLabels: { environment: 'dev' } }] },
      { destinationSelectors: [{ matchLabels: { environment: 'prod' } }] },
    );
    expect(d).toContain('-      environment: dev');
    expect(d).toContain('+      environment: prod');
    // A plain unified diff: it starts with the file header, no separator line.
    expect(d.split('\n')[0]).toBe('--- p/spec (current)');
  });
});
