import { applyMergePatch } from './mergePatch';

describe('applyMergePatch (RFC 7386)', () => {
  it('merges objects, replaces arrays and deletes with null', () => {
    expect(
      applyMergePatch(
        { a: 1, b: { c: 2, d: 3 }, list: [1, 2], gone: true },
        { b: { c: 9 }, list: [3], gone: null, added: 'x' },
      ),
    ).toEqual({ a: 1, b: { c: 9, d: 3 }, list: [3], added: 'x' });
  });
  it('replaces non-objects', () => {
    expect(applyMergePatch({ a: 1 }, 'x')).toBe('x');
    expect(applyMergePatch(undefined, { a: { b: 1 } })).toEqual({
      a: { b: 1 },
    });
  });
  it('treats __proto__ and constructor keys as data, never as prototypes', () => {
    const patch = JSON.parse(
      '{"api":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}',
    );
    const result = applyMergePatch({ api: { kind: 'X' } }, patch) as any;
    expect(Object.getPrototypeOf(result.api)).toBe(Object.prototype);
    expect(result.api.polluted).toBeUndefined();
    expect(Object.keys(result.api)).toEqual([
      'kind',
      '__proto__',
      'constructor',
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(
      JSON.parse(
        '{"api":{"kind":"X","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}',
      ),
    );
    expect(({} as any).polluted).toBeUndefined();
  });
});
