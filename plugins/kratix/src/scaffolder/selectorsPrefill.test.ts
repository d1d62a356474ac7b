import {
  changedUnderEdit,
  prefillAction,
  sameSelectors,
} from './selectorsPrefill';

const sel = (...entries: Array<Record<string, string>>) =>
  entries.map(matchLabels => ({ matchLabels }));
const dev = sel({ environment: 'dev' });
const prod = sel({ environment: 'prod' });
const edited = sel({ environment: 'staging' });
const key = 'prod/redis';

describe('sameSelectors', () => {
  it('ignores label order, not entry order', () => {
    expect(
      sameSelectors(sel({ a: '1', b: '2' }), sel({ b: '2', a: '1' })),
    ).toBe(true);
    expect(
      sameSelectors(sel({ a: '1' }, { a: '2' }), sel({ a: '2' }, { a: '1' })),
    ).toBe(false);
    expect(sameSelectors(sel({}), [])).toBe(false);
  });
});

describe('prefillAction', () => {
  it('prefills when nothing was entered', () => {
    expect(
      prefillAction({
        typed: undefined,
        baseline: undefined,
        promiseKey: key,
        current: dev,
      }),
    ).toBe('prefill');
  });

  it('keeps what was entered when it is unknown where it came from', () => {
    expect(
      prefillAction({
        typed: edited,
        baseline: undefined,
        promiseKey: key,
        current: dev,
      }),
    ).toBe('keep');
  });

  it('prefills again when another Promise was chosen', () => {
    expect(
      prefillAction({
        typed: dev,
        baseline: { promiseKey: 'prod/postgres', entries: dev },
        promiseKey: key,
        current: prod,
      }),
    ).toBe('prefill-other-promise');
  });

  it('follows the Promise when it changed on the platform and nothing was edited', () => {
    const baseline = { promiseKey: key, entries: dev };
    expect(
      prefillAction({ typed: dev, baseline, promiseKey: key, current: prod }),
    ).toBe('follow');
    expect(
      changedUnderEdit({
        typed: dev,
        baseline,
        promiseKey: key,
        current: prod,
      }),
    ).toBe(false);
  });

  it('keeps an edit when the Promise changed under it, and says so', () => {
    const baseline = { promiseKey: key, entries: dev };
    expect(
      prefillAction({
        typed: edited,
        baseline,
        promiseKey: key,
        current: prod,
      }),
    ).toBe('keep');
    expect(
      changedUnderEdit({
        typed: edited,
        baseline,
        promiseKey: key,
        current: prod,
      }),
    ).toBe(true);
    // An edit that happens to equal the Promise's new selectors needs no warning.
    expect(
      changedUnderEdit({
        typed: prod,
        baseline,
        promiseKey: key,
        current: prod,
      }),
    ).toBe(false);
  });

  it('keeps everything when the Promise did not change', () => {
    const baseline = { promiseKey: key, entries: dev };
    expect(
      prefillAction({ typed: edited, baseline, promiseKey: key, current: dev }),
    ).toBe('keep');
    expect(
      changedUnderEdit({
        typed: edited,
        baseline,
        promiseKey: key,
        current: dev,
      }),
    ).toBe(false);
  });
});
