import { errorMessageOf, toBackstageError } from './errors';

/** What Node's fetch throws when nothing listens: the reason is only in `cause`. */
function fetchFailed(): Error {
  const refused = Object.assign(
    new Error('connect ECONNREFUSED 127.0.0.1:22443'),
    { code: 'ECONNREFUSED' },
  );
  return new TypeError('fetch failed', { cause: refused });
}

describe('errorMessageOf', () => {
  it('adds the causes fetch hides', () => {
    expect(errorMessageOf(fetchFailed())).toBe(
      'fetch failed: connect ECONNREFUSED 127.0.0.1:22443',
    );
  });
  it('uses the code of a cause without message (AggregateError) and skips repeats', () => {
    const aggregate = Object.assign(new AggregateError([], ''), {
      code: 'ECONNREFUSED',
    });
    expect(
      errorMessageOf(new TypeError('fetch failed', { cause: aggregate })),
    ).toBe('fetch failed: ECONNREFUSED');
    const same = new Error('boom', { cause: new Error('boom') });
    expect(errorMessageOf(same)).toBe('boom');
    expect(errorMessageOf('text')).toBe('text');
  });
});

describe('toBackstageError', () => {
  it('says why the Kubernetes API could not be reached', () => {
    const e = toBackstageError(
      fetchFailed(),
      'get Promise p on platform faults',
    );
    expect(e.name).toBe('ServiceUnavailableError');
    expect(e.message).toBe(
      'cannot reach the Kubernetes API to get Promise p on platform faults: fetch failed: connect ECONNREFUSED 127.0.0.1:22443',
    );
  });
});

describe('toBackstageError for an apiserver that stops or is overloaded', () => {
  const apiError = (code: number, message: string) =>
    Object.assign(new Error(`HTTP-Code: ${code}`), {
      code,
      body: JSON.stringify({ kind: 'Status', message }),
    });

  it('says "cannot reach" for 502/503/504 and for a shutting-down apiserver', () => {
    for (const [code, message] of [
      [503, 'service unavailable'],
      [500, 'apiserver is shutting down'],
    ] as const) {
      const e = toBackstageError(
        apiError(code, message),
        'delete WorkPlacement ns/x on platform faults',
      );
      expect(e.name).toBe('ServiceUnavailableError');
      expect(e.message).toBe(
        `cannot reach the Kubernetes API to delete WorkPlacement ns/x on platform faults: ${message}`,
      );
    }
  });

  it('keeps other 5xx answers as they are', () => {
    const e = toBackstageError(
      apiError(500, 'etcdserver: request timed out'),
      'get Promise p on platform local',
    );
    expect(e.name).toBe('ServiceUnavailableError');
    expect(e.message).toBe(
      'get Promise p on platform local: etcdserver: request timed out',
    );
  });
});
