import { validatePromiseSpec } from './validateSpec';

describe('validatePromiseSpec', () => {
  it('accepts valid selectors and specs without selectors', () => {
    expect(() =>
      validatePromiseSpec({
        destinationSelectors: [{ matchLabels: { a: 'b' } }],
      }),
    ).not.toThrow();
    expect(() => validatePromiseSpec({ dependencies: [] })).not.toThrow();
  });
  it('says what is wrong', () => {
    expect(() => validatePromiseSpec([])).toThrow('spec must be an object');
    expect(() => validatePromiseSpec({ destinationSelectors: {} })).toThrow(
      'must be a list',
    );
    expect(() =>
      validatePromiseSpec({
        destinationSelectors: [{ matchLabels: { env: 'dev,x!=y' }, extra: 1 }],
      }),
    ).toThrow(/unknown field\(s\): extra.*label value "dev,x!=y"/);
    expect(() =>
      validatePromiseSpec({ destinationSelectors: [{ matchLabels: ['a'] }] }),
    ).toThrow('must be a map');
  });
});
