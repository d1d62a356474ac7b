import { PROMISE_VERSION_LABEL } from '@kratix-backstage/plugin-kratix-common';

/** The version a ResourceBinding gives when it follows the Promise (Kratix's `LatestVersion`). */
const LATEST = 'latest';
/** What Kratix calls the version of a Promise without the version label (its PromiseRevisions show it). */
const NOT_SET = 'not-set';

/**
 * The resource requests a change of the Promise does not re-schedule: those whose ResourceBinding
 * pins them to another version than the Promise's own. Kratix reconciles such a request with the
 * pinned PromiseRevision's spec (ae170e22 internal/controller/dynamic_resource_request_controller.go,
 * fetchRevision), and a change of the Promise rewrites only the revision of its own version (seen
 * on ae170e22: docs/kratix-generations.md). Keys `namespace/name`, values the pinned version.
 */
export function pinnedResourcesOf(
  bindings: readonly any[],
  promise: { metadata?: { labels?: Record<string, string> } },
): Record<string, string> {
  const own = promise.metadata?.labels?.[PROMISE_VERSION_LABEL] ?? NOT_SET;
  const out: Record<string, string> = {};
  for (const b of bindings) {
    const version: unknown = b?.spec?.version;
    const namespace = b?.spec?.resourceRef?.namespace ?? b?.metadata?.namespace;
    const name =
      b?.spec?.resourceRef?.name ??
      b?.metadata?.labels?.['kratix.io/resource-name'];
    if (typeof version !== 'string' || !version || !namespace || !name)
      continue;
    if (version === LATEST || version === own) continue;
    out[`${namespace}/${name}`] = version;
  }
  return out;
}
