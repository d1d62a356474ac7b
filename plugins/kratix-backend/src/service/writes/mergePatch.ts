/**
 * JSON merge patch (RFC 7386): objects merge recursively, null deletes, anything else replaces.
 * Keys are data: a `__proto__` key in a patch (JSON.parse keeps it as an own property) becomes an
 * own property of the result too, never a prototype change, and nothing is read from a prototype.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
    return patch;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) {
      delete base[key];
      continue;
    }
    const current = Object.prototype.hasOwnProperty.call(base, key)
      ? base[key]
      : undefined;
    Object.defineProperty(base, key, {
      value: applyMergePatch(current, value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return base;
}
