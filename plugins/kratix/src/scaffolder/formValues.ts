import type { DestinationSelectorEntry } from '@kratix-backstage/plugin-kratix-common';
import { parseAllDocuments } from 'yaml';

/**
 * The template's `destinationSelectors` parameter: one label map per entry (the scaffolder
 * actions wrap each in `matchLabels`).
 */
export type TemplateSelectors = Array<Record<string, string>>;

export const toEntries = (s: TemplateSelectors): DestinationSelectorEntry[] =>
  s.map(matchLabels => ({ matchLabels }));

export const fromEntries = (
  entries: readonly DestinationSelectorEntry[],
): TemplateSelectors => entries.map(e => ({ ...(e.matchLabels ?? {}) }));

/**
 * The template's `dependencies` parameter (YAML: a list, or documents separated by ---) as the
 * list of manifests; undefined when empty (the current dependencies stay).
 */
export function parseDependencies(
  text: string | undefined,
): { value?: unknown[] } | { error: string } {
  if (!text?.trim()) return {};
  const docs = parseAllDocuments(text);
  const values: unknown[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) return { error: doc.errors[0].message };
    const v = doc.toJS();
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) values.push(...v);
    else values.push(v);
  }
  return { value: values };
}
