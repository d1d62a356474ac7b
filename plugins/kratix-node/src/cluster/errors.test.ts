import { errorMessageOf, toBackstageError } from './errors';

/** What Node's fetch throws when nothing listens: the reason is only in `cause`. */
function fetchFailed(): Error {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:22443'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause: refused });
}

describe('errorMessageOf', () => {
  it('adds the causes fetch hides', () => {
    expect(errorMessageOf(fetchFailed())).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:22443');
  });
  it('uses the code of a cause without message (AggregateError) and skips repeats', () => {
    const aggregate = Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' });
    expect(errorMessageOf(new TypeError('fetch failed', { cause: aggregate }))).toBe('fetch failed: ECONNREFUSED');
    const same = new Error('boom', { cause: new Error('boom') });
    expect(errorMessageOf(same)).toBe('boom');
    expect(errorMessageOf('text')).toBe('text');
  });
});

describe('toBackstageError', () => {
  it('says why the Kubernetes API could not be reached', () => {
    const e = toBackstageError(fetchFailed(), 'get Promise p on platform faults');
    expect(e.name).toBe('ServiceUnavailableError');
    expect(e.message).toBe(
      'cannot reach the Kubernetes API to get Promise p on platform faults: fetch failed: connect ECONNREFUSED 127.0.0.1:22443',
    );
  });
});
