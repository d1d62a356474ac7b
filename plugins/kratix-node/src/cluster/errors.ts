import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * The HTTP status of an error from `@kubernetes/client-node` (ApiException has `code`).
 *
 * @public
 */
export function kubeStatusOf(error: unknown): number | undefined {
  const e = error as { code?: unknown; statusCode?: unknown } | undefined;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return undefined;
}

/** The apiserver's own message (a Status object body), when there is one. */
export function kubeMessageOf(error: unknown): string | undefined {
  const body = (error as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body)?.message ?? body;
    } catch {
      return body;
    }
  }
  if (body && typeof body === 'object' && 'message' in body) {
    return String((body as { message: unknown }).message);
  }
  return undefined;
}

/**
 * An error's message with its causes: Node's fetch only says "fetch failed" and keeps the reason
 * (ECONNREFUSED, a TLS error...) in `cause`, sometimes an AggregateError with only a `code`.
 */
export function errorMessageOf(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    let message = '';
    if (e instanceof Error) message = e.message;
    else if (typeof e === 'string') message = e;
    const code = (e as { code?: unknown }).code;
    const text = message || (typeof code === 'string' ? code : '');
    if (text && !parts.some(p => p.includes(text))) parts.push(text);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.length ? parts.join(': ') : String(error);
}

/**
 * Maps an error from the Kubernetes API to the Backstage error the router turns into a status:
 * 404 NotFound, 409 Conflict, 403 NotAllowed, 400/422 Input, no answer at all → 503.
 * `what` names the operation and platform, e.g. `delete WorkPlacement ns/x on platform local`.
 *
 * @public
 */
export function toBackstageError(error: unknown, what: string): Error {
  const mapped = mapError(error, what);
  // Keep the apiserver's status for callers that branch on it (e.g. 410 Gone in the reflector).
  Object.defineProperty(mapped, 'kubeStatus', {
    value: kubeStatusOf(error),
    enumerable: false,
  });
  return mapped;
}

/** The Kubernetes status an error from toBackstageError carries. */
export function kubeStatusOfMapped(error: unknown): number | undefined {
  return (error as { kubeStatus?: number } | undefined)?.kubeStatus;
}

function mapError(error: unknown, what: string): Error {
  const status = kubeStatusOf(error);
  const message = kubeMessageOf(error) ?? errorMessageOf(error);
  const text = `${what}: ${message}`;
  switch (status) {
    case 404:
      return new NotFoundError(text);
    case 409:
      return new ConflictError(text);
    case 401:
    case 403:
      return new NotAllowedError(`Kubernetes refused to ${text}`);
    case 400:
    case 422:
      return new InputError(text);
    case undefined:
      return new ServiceUnavailableError(
        `cannot reach the Kubernetes API to ${text}`,
      );
    case 502:
    case 503:
    case 504:
      return new ServiceUnavailableError(
        `cannot reach the Kubernetes API to ${text}`,
      );
    default:
      // A stopping apiserver answers what it still accepts with this message (any 5xx).
      if (status >= 500 && /apiserver is shutting down/i.test(message)) {
        return new ServiceUnavailableError(
          `cannot reach the Kubernetes API to ${text}`,
        );
      }
      if (status >= 500) return new ServiceUnavailableError(text);
      return new Error(text);
  }
}
