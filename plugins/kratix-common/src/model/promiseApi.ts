import { SlimPromise } from './objects';

/**
 * group/version/plural of a Promise's resource API (its first version), or undefined without an API.
 *
 * @public
 */
export function slimPromiseApiVersion(
  promise: Pick<SlimPromise, 'api'>,
): { group: string; version: string; plural: string } | undefined {
  const api = promise.api;
  if (!api || !api.plural || api.versions.length === 0) return undefined;
  return { group: api.group, version: api.versions[0], plural: api.plural };
}
