/*
 * Input checks shared by the kratix:* actions. They run before anything is sent to the Kratix
 * backend, so a typo in a template fails the task with a message that names the field; the
 * backend checks everything again (and the apiserver after it).
 */
import { InputError } from '@backstage/errors';
import { labelMapProblems } from '@kratix-backstage/plugin-kratix-common';
import { parseAllDocuments } from 'yaml';

/** DNS-1123 label: platform names (as the backend's route parameters). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain: Kubernetes object names such as a Promise. */
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export type LabelMap = Record<string, string>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A platform name as configured under kratix.platforms (a DNS label), or an InputError. */
export function requirePlatformName(
  value: unknown,
  field = 'platform',
): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 63 ||
    !DNS_LABEL.test(value)
  ) {
    throw new InputError(
      `${field}: ${JSON.stringify(
        value,
      )} is not a valid platform name (lowercase letters, digits and '-', at most 63 characters)`,
    );
  }
  return value;
}

/** A Kubernetes object name (DNS subdomain) such as a Promise or Destination, or an InputError. */
export function requireObjectName(
  value: unknown,
  field: string,
  what: string,
): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 253 ||
    !DNS_SUBDOMAIN.test(value)
  ) {
    throw new InputError(
      `${field}: ${JSON.stringify(
        value,
      )} is not a valid ${what} name (a lowercase DNS name: letters, digits, '-' and '.')`,
    );
  }
  return value;
}

/** A Promise name, or an InputError. */
export function requirePromiseName(value: unknown, field = 'promise'): string {
  return requireObjectName(value, field, 'Promise');
}

/**
 * `destinationSelectors` as a list of matchLabels maps (string → string), each key and value valid
 * Kubernetes label syntax. An entry may also be written the way the Promise spec does,
 * `{ matchLabels: {...} }`. Throws one InputError listing every problem.
 */
export function normalizeSelectors(
  value: unknown,
  field = 'destinationSelectors',
): LabelMap[] {
  if (!Array.isArray(value)) {
    throw new InputError(
      `${field} must be a list of label maps, e.g. [{ environment: prod }]`,
    );
  }
  const problems: string[] = [];
  const result = value.map((entry, i) => {
    const where = `${field}[${i}]`;
    let labels: unknown = entry;
    if (
      isPlainObject(entry) &&
      Object.keys(entry).length === 1 &&
      isPlainObject(entry.matchLabels)
    ) {
      labels = entry.matchLabels;
    }
    if (!isPlainObject(labels)) {
      problems.push(`${where} must be a map of label key to value`);
      return {};
    }
    for (const p of labelMapProblems(labels)) problems.push(`${where}: ${p}`);
    return labels as LabelMap;
  });
  if (problems.length > 0) {
    throw new InputError(`invalid ${field}: ${problems.join('; ')}`);
  }
  return result;
}

/**
 * `dependencies`: a list of Kubernetes manifests, or YAML text holding them (a YAML list, or one
 * manifest per document). Blank text means "not given" (undefined); an empty list means "no
 * dependencies". Every manifest needs `apiVersion` and `kind`.
 */
export function parseDependencies(
  value: unknown,
  field = 'dependencies',
): Record<string, unknown>[] | undefined {
  if (value === undefined || value === null) return undefined;
  let items: unknown[];
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    const docs = parseAllDocuments(value);
    const parsed: unknown[] = [];
    for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
      if (doc.errors.length > 0) {
        throw new InputError(
          `${field}: YAML document ${i + 1} does not parse: ${
            doc.errors[0].message
          }`,
        );
      }
      const v = doc.toJS();
      if (v === null || v === undefined) continue;
      if (Array.isArray(v)) parsed.push(...v);
      else parsed.push(v);
    }
    items = parsed;
  } else if (Array.isArray(value)) {
    items = value;
  } else if (isPlainObject(value)) {
    items = [value];
  } else {
    throw new InputError(
      `${field} must be a list of Kubernetes manifests or YAML text`,
    );
  }
  const problems: string[] = [];
  items.forEach((item, i) => {
    if (!isPlainObject(item)) {
      problems.push(`${field}[${i}] must be a Kubernetes manifest (a map)`);
    } else if (
      typeof item.apiVersion !== 'string' ||
      typeof item.kind !== 'string'
    ) {
      problems.push(`${field}[${i}] needs apiVersion and kind`);
    }
  });
  if (problems.length > 0)
    throw new InputError(`invalid ${field}: ${problems.join('; ')}`);
  return items as Record<string, unknown>[];
}

/** The proposed change as the actions take it. */
export interface PromiseChangeInput {
  destinationSelectors?: unknown;
  dependencies?: unknown;
  specPatch?: unknown;
}

/**
 * The JSON merge patch (RFC 7386) of `spec` that the inputs describe: `destinationSelectors`
 * replaces the whole selector list, `dependencies` the whole dependency list, `specPatch` is
 * merged as given. A key set both in `specPatch` and by its own input is a conflict.
 */
export function specPatchOf(
  input: PromiseChangeInput,
): Record<string, unknown> {
  let patch: Record<string, unknown> = {};
  if (input.specPatch !== undefined && input.specPatch !== null) {
    if (!isPlainObject(input.specPatch))
      throw new InputError(
        'specPatch must be a JSON object (a merge patch of spec)',
      );
    patch = { ...input.specPatch };
  }
  if (
    input.destinationSelectors !== undefined &&
    input.destinationSelectors !== null
  ) {
    if ('destinationSelectors' in patch) {
      throw new InputError(
        'destinationSelectors is given twice: as an input and inside specPatch',
      );
    }
    patch.destinationSelectors = normalizeSelectors(
      input.destinationSelectors,
    ).map(matchLabels => ({ matchLabels }));
  } else if (Array.isArray(patch.destinationSelectors)) {
    // Check selectors given through specPatch too: Kratix cannot parse invalid label syntax.
    normalizeSelectors(
      patch.destinationSelectors,
      'specPatch.destinationSelectors',
    );
  }
  const dependencies = parseDependencies(input.dependencies);
  if (dependencies !== undefined) {
    if ('dependencies' in patch)
      throw new InputError(
        'dependencies is given twice: as an input and inside specPatch',
      );
    patch.dependencies = dependencies;
  }
  if (Object.keys(patch).length === 0) {
    throw new InputError(
      'nothing to change: give destinationSelectors, dependencies and/or specPatch',
    );
  }
  return patch;
}

/** RFC 7386 JSON merge patch: objects merge, null removes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target)
    ? { ...target }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
