import type { DestinationSelectorEntry } from '@kratix-backstage/plugin-kratix-common';

export interface LabelRow {
  key: string;
  value: string;
}
/** Editable form of `spec.destinationSelectors`: one list of rows per entry. */
export type SelectorRows = LabelRow[][];

export function rowsFromSelectors(
  entries: readonly DestinationSelectorEntry[],
): SelectorRows {
  return entries.map(e =>
    Object.entries(e.matchLabels ?? {}).map(([key, value]) => ({ key, value })),
  );
}

/** The entries the rows stand for; rows without a key are left out. */
export function selectorsFromRows(
  rows: SelectorRows,
): DestinationSelectorEntry[] {
  return rows.map(entry => ({
    matchLabels: Object.fromEntries(
      entry.filter(r => r.key.trim()).map(r => [r.key.trim(), r.value.trim()]),
    ),
  }));
}

/** What is wrong with the rows, one message each (empty when they can be sent). */
export function validateRows(rows: SelectorRows): string[] {
  const problems: string[] = [];
  rows.forEach((entry, i) => {
    const seen = new Set<string>();
    entry.forEach(r => {
      const key = r.key.trim();
      if (!key && r.value.trim())
        problems.push(`entry ${i}: a label has a value but no key`);
      if (key && seen.has(key))
        problems.push(`entry ${i}: key ${key} appears twice`);
      seen.add(key);
    });
    if (!entry.some(r => r.key.trim())) {
      problems.push(`entry ${i} has no labels: remove it or add a key`);
    }
  });
  return problems;
}

/** Parses `destinationSelectors` from YAML/JSON input, or says why it cannot. */
export function parseSelectorEntries(
  value: unknown,
): { entries: DestinationSelectorEntry[] } | { error: string } {
  if (value === undefined || value === null) return { entries: [] };
  const bad = {
    error:
      'destinationSelectors must be a list of { matchLabels: { key: value } } entries',
  };
  if (!Array.isArray(value)) return bad;
  const entries: DestinationSelectorEntry[] = [];
  for (const e of value) {
    const m = e?.matchLabels;
    if (!m || typeof m !== 'object' || Array.isArray(m)) return bad;
    entries.push({
      matchLabels: Object.fromEntries(
        Object.entries(m).map(([k, v]) => [k, String(v)]),
      ),
    });
  }
  return { entries };
}
