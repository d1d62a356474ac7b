import { ResponseError } from '@backstage/errors';
import type { SelectorConflict } from '@kratix-backstage/plugin-kratix-common';

/** Compact age like kubectl's ("45s", "12m", "5h", "3d"), or undefined for a bad timestamp. */
export function formatAge(
  since: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!since) return undefined;
  const t = Date.parse(since);
  if (Number.isNaN(t)) return undefined;
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

const ENTRY = /^destinationSelectors\[(\d+)\]$/;

/**
 * One sentence for a selector conflict: between two `spec.destinationSelectors` entries ("entry
 * 1's environment=prod is ignored: entry 0 sets environment=dev (first entry wins)") or between
 * the selector sources of a workload group.
 */
export function describeSelectorConflict(c: SelectorConflict): string {
  const ignored = ENTRY.exec(c.ignoredFrom);
  const kept = ENTRY.exec(c.keptFrom);
  if (ignored && kept) {
    return `entry ${ignored[1]}'s ${c.key}=${c.ignoredValue} is ignored: entry ${kept[1]} sets ${c.key}=${c.keptValue} (first entry wins)`;
  }
  const rule =
    c.ignoredFrom === c.keptFrom
      ? 'the later entry wins'
      : 'Promise spec > Promise workflow > resource workflow';
  return `${c.ignoredFrom}'s ${c.key}=${c.ignoredValue} is ignored: ${c.keptFrom} sets ${c.key}=${c.keptValue} (${rule})`;
}

/** The backend's own message for a failed call (not "Request failed with 503 ..."). */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message || error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The HTTP status of a failed backend call, if it was one. */
export function errorStatus(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}
