import {
  labelKeyProblem,
  labelMapProblems,
  labelValueProblem,
} from './labelSyntax';

describe('label syntax', () => {
  it('accepts plain and prefixed keys', () => {
    expect(labelKeyProblem('environment')).toBeUndefined();
    expect(labelKeyProblem('kratix.io/promise-name')).toBeUndefined();
  });
  it('rejects bad keys', () => {
    expect(labelKeyProblem('')).toContain('name must be');
    expect(labelKeyProblem('a/b/c')).toContain('more than one');
    expect(labelKeyProblem('Bad_Prefix/x')).toContain('prefix');
    expect(labelKeyProblem('-x')).toContain('name must be');
    expect(labelKeyProblem('x'.repeat(64))).toContain('name must be');
  });
  it('accepts empty and normal values, rejects spaces, injection and long values', () => {
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('prod-eu_1.a')).toBeUndefined();
    expect(labelValueProblem('dev,environment!=prod')).toBeDefined();
    expect(labelValueProblem('a b')).toBeDefined();
    expect(labelValueProblem('x'.repeat(64))).toBeDefined();
  });
  it('lists all problems of a map, including non-string values', () => {
    expect(
      labelMapProblems({
        ok: 'yes',
        'bad key': 'v',
        n: 3 as unknown as string,
      }),
    ).toHaveLength(2);
  });
});
