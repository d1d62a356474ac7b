import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';

/** Unified diff of two Promise specs rendered as YAML (keys sorted, so order changes don't show). */
export function specDiff(
  promise: string,
  before: unknown,
  after: unknown,
): string {
  const a = stringify(before ?? {}, { sortMapEntries: true });
  const b = stringify(after ?? {}, { sortMapEntries: true });
  if (a === b) return '';
  return createTwoFilesPatch(
    `${promise}/spec (current)`,
    `${promise}/spec (proposed)`,
    a,
    b,
    '',
    '',
    {
      context: 3,
    },
  );
}
