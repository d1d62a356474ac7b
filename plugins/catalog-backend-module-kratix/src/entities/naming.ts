import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

const MAX_NAME = 63;
const HASH_LENGTH = 8;

/**
 * The entity name of a Kratix object (Promise or Destination):
 *
 * - one configured platform: the object's own name;
 * - several platforms: `<platform>-<name>`;
 * - if that is not a valid Backstage entity name (at most 63 characters of `[A-Za-z0-9-_.]`,
 *   starting and ending alphanumeric; Kubernetes allows names of up to 253): the first
 *   characters of it, cut so that `-` plus the first 8 hex digits of the SHA-256 of the full
 *   candidate fit in 63 characters. The hash keeps long names that share a prefix apart.
 *
 * The result only depends on its inputs, so an object keeps its entity across restarts.
 *
 * @public
 */
export function kratixEntityName(
  platform: string,
  objectName: string,
  multiPlatform: boolean,
): string {
  const candidate = multiPlatform ? `${platform}-${objectName}` : objectName;
  if (KubernetesValidatorFunctions.isValidObjectName(candidate))
    return candidate;
  const hash = createHash('sha256')
    .update(candidate)
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const head = candidate
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_NAME - HASH_LENGTH - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return head ? `${head}-${hash}` : hash;
}
