import { destinationsPreviewBody } from './writeSchemas';

describe('destinationsPreviewBody', () => {
  it('accepts valid Destination labels', () => {
    expect(
      destinationsPreviewBody.safeParse({
        changes: [
          {
            name: 'dev-1',
            labels: { environment: 'prod', 'example.com/tier': '' },
          },
        ],
        add: [{ name: 'new', labels: { region: 'eu' } }],
      }).success,
    ).toBe(true);
  });

  it('refuses labels Kubernetes would refuse (selector syntax, newlines, bad keys)', () => {
    const proto = JSON.parse('{"__proto__":"x","environment":"prod"}');
    for (const labels of [
      { environment: 'a,b!=c' },
      { 'x in (y)': 'v' },
      { env: 'a\nb' },
      { '': 'v' },
      { env: 1 },
      proto,
      ['a'],
    ]) {
      expect(
        destinationsPreviewBody.safeParse({
          changes: [{ name: 'dev-1', labels }],
        }).success,
      ).toBe(false);
      expect(
        destinationsPreviewBody.safeParse({
          changes: [],
          add: [{ name: 'n', labels }],
        }).success,
      ).toBe(false);
    }
  });
});
