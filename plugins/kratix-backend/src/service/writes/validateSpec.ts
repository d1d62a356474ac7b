import { InputError } from '@backstage/errors';
import { labelMapProblems } from '@kratix-backstage/plugin-kratix-common';

/**
 * Checks what the apiserver cannot: `spec.destinationSelectors` must be a list of
 * `{ matchLabels: {key: value} }` whose keys and values are valid labels (Kratix parses them into
 * a label selector; an unparsable one makes v0.125.0 select every Destination).
 */
export function validatePromiseSpec(spec: unknown): void {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new InputError('spec must be an object');
  }
  const selectors = (spec as Record<string, unknown>).destinationSelectors;
  if (selectors === undefined) return;
  if (!Array.isArray(selectors))
    throw new InputError('spec.destinationSelectors must be a list');
  const problems: string[] = [];
  selectors.forEach((entry, i) => {
    const where = `spec.destinationSelectors[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${where} must be an object with matchLabels`);
      return;
    }
    const extra = Object.keys(entry).filter(k => k !== 'matchLabels');
    if (extra.length)
      problems.push(`${where} has unknown field(s): ${extra.join(', ')}`);
    const ml = (entry as Record<string, unknown>).matchLabels;
    if (ml === undefined) return;
    if (ml === null || typeof ml !== 'object' || Array.isArray(ml)) {
      problems.push(`${where}.matchLabels must be a map of label key to value`);
      return;
    }
    for (const p of labelMapProblems(ml as Record<string, unknown>))
      problems.push(`${where}.matchLabels: ${p}`);
  });
  if (problems.length)
    throw new InputError(`invalid Promise spec: ${problems.join('; ')}`);
}
