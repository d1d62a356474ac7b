/*
 * Kubernetes label syntax (k8s.io/apimachinery pkg/util/validation/validation.go:
 * IsQualifiedName, IsValidLabelValue). Kratix turns a merged selector into a label selector with
 * labels.FormatLabels → labels.Parse (ae170e22 internal/controller/scheduler.go:521; v0.125.0
 * controllers/scheduler.go:424-441); a key or value that does not parse makes the selector fail.
 */

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Why a label key is invalid, or undefined when it is valid.
 *
 * @public
 */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `label key "${key}" has more than one "/"`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (
      prefix.length === 0 ||
      prefix.length > 253 ||
      !DNS_SUBDOMAIN.test(prefix)
    ) {
      return `label key "${key}": prefix must be a DNS subdomain`;
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `label key "${key}": name must be 1-63 characters, alphanumeric, '-', '_' or '.', starting and ending alphanumeric`;
  }
  return undefined;
}

/**
 * Why a label value is invalid, or undefined when it is valid (empty is valid).
 *
 * @public
 */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return `label value "${value}" must be at most 63 characters, alphanumeric, '-', '_' or '.', starting and ending alphanumeric`;
  }
  return undefined;
}

/**
 * All problems of a label map (selector or Destination labels).
 *
 * @public
 */
export function labelMapProblems(labels: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const k = labelKeyProblem(key);
    if (k) problems.push(k);
    if (typeof value !== 'string') {
      problems.push(`label "${key}" must have a string value`);
      continue;
    }
    const v = labelValueProblem(value);
    if (v) problems.push(`${key}: ${v}`);
  }
  return problems;
}
