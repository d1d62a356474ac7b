import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** A permission to check: a basic one, or a resource permission on one resource. */
export type PermissionCheck =
  | { permission: BasicPermission; resourceRef?: undefined }
  | { permission: ResourcePermission; resourceRef: string };

/**
 * Throws a 403 (NotAllowedError) unless the permission framework allows the check for these
 * credentials. `denied` words the error when the default ("<permission> is not allowed for this
 * user") would say too little.
 */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  check: PermissionCheck,
  denied?: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [
      check.resourceRef === undefined
        ? { permission: check.permission }
        : { permission: check.permission, resourceRef: check.resourceRef },
    ],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      denied ?? `${check.permission.name} is not allowed for this user`,
    );
  }
}

/**
 * The subset of `items` the permission framework allows, each checked on its own resource
 * (one batched authorize call).
 */
export async function allowedResources(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: ResourcePermission,
  items: readonly string[],
  resourceRefOf: (item: string) => string,
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const decisions = await permissions.authorize(
    items.map(item => ({ permission, resourceRef: resourceRefOf(item) })),
    { credentials },
  );
  return new Set(
    items.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}
