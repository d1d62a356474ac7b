import { InputError } from '@backstage/errors';
import {
  applyMergePatch,
  normalizeSelectors,
  parseDependencies,
  requirePlatformName,
  requirePromiseName,
  specPatchOf,
} from './validation';

describe('names', () => {
  it('accepts DNS names and rejects the rest, naming the field', () => {
    expect(requirePlatformName('local')).toBe('local');
    expect(requirePromiseName('redis.v2')).toBe('redis.v2');
    expect(() => requirePlatformName('Local')).toThrow(
      'platform: "Local" is not a valid platform name',
    );
    expect(() => requirePlatformName('a.b')).toThrow(
      'not a valid platform name',
    );
    expect(() => requirePromiseName('')).toThrow(
      'promise: "" is not a valid Promise name',
    );
    expect(() => requirePromiseName('no/slash')).toThrow(
      'not a valid Promise name',
    );
    expect(() => requirePromiseName(undefined)).toThrow(
      'promise: undefined is not a valid Promise name',
    );
  });
});

describe('normalizeSelectors', () => {
  it('takes label maps and the Promise spec shape', () => {
    expect(
      normalizeSelectors([
        { environment: 'prod' },
        { matchLabels: { region: 'eu' } },
        {},
      ]),
    ).toEqual([{ environment: 'prod' }, { region: 'eu' }, {}]);
  });

  it('lists every label syntax problem with its entry', () => {
    expect(() => normalizeSelectors([{ environment: 'dev,x!=y' }])).toThrow(
      'invalid destinationSelectors: destinationSelectors[0]: environment: label value "dev,x!=y" must be at most 63 characters',
    );
    let message = '';
    try {
      normalizeSelectors([{ ok: 'yes' }, { 'bad key!': 'v', n: 5 }]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('destinationSelectors[1]: label key "bad key!"');
    expect(message).toContain(
      'destinationSelectors[1]: label "n" must have a string value',
    );
    expect(() => normalizeSelectors([{ 'bad key!': 'v' }])).toThrow(InputError);
  });

  it('rejects anything but a list of maps', () => {
    expect(() => normalizeSelectors({ environment: 'prod' })).toThrow(
      'destinationSelectors must be a list of label maps',
    );
    expect(() => normalizeSelectors(['environment=prod'])).toThrow(
      'destinationSelectors[0] must be a map of label key to value',
    );
  });
});

describe('parseDependencies', () => {
  const ns = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  });

  it('reads YAML lists and multi-document YAML', () => {
    expect(
      parseDependencies(
        '- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n',
      ),
    ).toEqual([ns('a')]);
    expect(
      parseDependencies(
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n---\n',
      ),
    ).toEqual([ns('a'), ns('b')]);
  });

  it('takes manifests as they are; blank text is "not given", [] is "none"', () => {
    expect(parseDependencies([ns('a')])).toEqual([ns('a')]);
    expect(parseDependencies(ns('a'))).toEqual([ns('a')]);
    expect(parseDependencies('   \n')).toBeUndefined();
    expect(parseDependencies(undefined)).toBeUndefined();
    expect(parseDependencies([])).toEqual([]);
  });

  it('says what is wrong', () => {
    expect(() => parseDependencies('a: [unclosed')).toThrow(
      /dependencies: YAML document 1 does not parse/,
    );
    expect(() => parseDependencies([{ kind: 'Namespace' }, 'x'])).toThrow(
      'invalid dependencies: dependencies[0] needs apiVersion and kind; dependencies[1] must be a Kubernetes manifest (a map)',
    );
    expect(() => parseDependencies(5)).toThrow(
      'dependencies must be a list of Kubernetes manifests or YAML text',
    );
  });
});

describe('specPatchOf', () => {
  it('replaces the selector list and the dependency list', () => {
    expect(
      specPatchOf({
        destinationSelectors: [{ environment: 'prod' }],
        dependencies: [{ apiVersion: 'v1', kind: 'Namespace' }],
        specPatch: { workflows: null },
      }),
    ).toEqual({
      workflows: null,
      destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
      dependencies: [{ apiVersion: 'v1', kind: 'Namespace' }],
    });
  });

  it('refuses an empty change and keys given twice', () => {
    expect(() => specPatchOf({})).toThrow('nothing to change');
    expect(() => specPatchOf({ dependencies: '' })).toThrow(
      'nothing to change',
    );
    expect(() =>
      specPatchOf({
        destinationSelectors: [],
        specPatch: { destinationSelectors: [] },
      }),
    ).toThrow('destinationSelectors is given twice');
    expect(() => specPatchOf({ specPatch: [] as any })).toThrow(
      'specPatch must be a JSON object',
    );
  });

  it('checks selectors inside specPatch too', () => {
    expect(() =>
      specPatchOf({
        specPatch: { destinationSelectors: [{ matchLabels: { a: 'b c' } }] },
      }),
    ).toThrow('specPatch.destinationSelectors[0]: a: label value "b c"');
  });
});

describe('applyMergePatch', () => {
  it('merges objects, removes nulls and replaces arrays (RFC 7386)', () => {
    expect(
      applyMergePatch(
        { a: 1, b: { c: 2, d: 3 }, list: [1, 2], gone: true },
        { b: { c: 9, d: null }, list: [3], gone: null, added: 'x' },
      ),
    ).toEqual({ a: 1, b: { c: 9 }, list: [3], added: 'x' });
  });
});
