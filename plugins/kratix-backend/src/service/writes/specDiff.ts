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
  // The library starts with a line of '=' (an "Index:" separator) and ends the file lines with a
  // tab before their (empty) headers; a plain unified diff has neither.
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
  )
    .replace(/^=+\n/, '')
    .replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2');
}
