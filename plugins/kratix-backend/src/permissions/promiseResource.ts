import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  kratixPermissions,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
  parsePromiseResourceRef,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KratixPromiseResource,
  kratixPromisePermissionResourceRef,
  kratixPromiseRules,
  KratixPlatformsService,
} from '@kratix-backstage/plugin-kratix-node';

/**
 * Registers the Kratix permissions and the `kratix-promise` resource type, so policies can return
 * conditional decisions (e.g. IS_PROMISE_OWNER) that the framework evaluates on the Promise.
 */
export function registerPromisePermissions(
  permissionsRegistry: PermissionsRegistryService,
  registry: KratixPlatformsService,
): void {
  permissionsRegistry.addPermissions(kratixPermissions);
  permissionsRegistry.addResourceType({
    resourceRef: kratixPromisePermissionResourceRef,
    permissions: [
      kratixPromiseUpdatePermission,
      kratixWorkPlacementDeletePermission,
    ],
    rules: Object.values(kratixPromiseRules),
    async getResources(refs: string[]) {
      return refs.map((ref): KratixPromiseResource | undefined => {
        const parsed = parsePromiseResourceRef(ref);
        if (!parsed) return undefined;
        try {
          const promise = registry
            .get(parsed.platform)
            .cache.promises.get(parsed.promise);
          return promise ? { platform: parsed.platform, promise } : undefined;
        } catch {
          return undefined;
        }
      });
    },
  });
}
