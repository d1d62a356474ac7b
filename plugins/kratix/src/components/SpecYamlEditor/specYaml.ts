import { parse, stringify } from 'yaml';

export type ParsedSpec = { value: Record<string, unknown> } | { error: string };

/** Parses the editor text; it must be a YAML mapping. */
export function parseSpecYaml(text: string): ParsedSpec {
  try {
    const value = parse(text);
    if (value === null || value === undefined) return { value: {} };
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { error: 'The spec must be a YAML mapping (key: value)' };
    }
    return { value: value as Record<string, unknown> };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function stringifySpec(value: Record<string, unknown>): string {
  return stringify(value);
}
