import {
  coreServices,
  createBackendModule,
  LoggerService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  kratixPromiseReadPermission,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
} from '@kratix-backstage/plugin-kratix-common';
import {
  createKratixPromiseConditionalDecision,
  kratixPromiseConditions,
} from '@kratix-backstage/plugin-kratix-node';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

function normalizeRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

/**
 * Permission policy of the development backend.
 *
 * - `kratix.promise.read`: every signed-in user.
 * - `kratix.promise.update`, `kratix.workplacement.delete`: users that are, or
 *   belong to a group that is, listed in `kratix.permissions.admins`; everyone
 *   else only on Promises they own (conditional decision IS_PROMISE_OWNER on the
 *   Promise's `backstage.io/owner`).
 * - any other `kratix.*` permission: denied.
 * - everything else (catalog, scaffolder, ...): allowed.
 *
 * Service-to-service calls do not reach the policy (the permission framework
 * allows them), so the Kratix backend checks the user's credentials.
 */
export class KratixPermissionPolicy implements PermissionPolicy {
  static fromConfig(
    config: RootConfigService,
    options: { userInfo: UserInfoService; logger?: LoggerService },
  ): KratixPermissionPolicy {
    const admins =
      config.getOptionalStringArray('kratix.permissions.admins') ?? [];
    options.logger?.info(
      `Kratix permission policy: admins ${
        admins.length ? admins.join(', ') : '(none)'
      }`,
    );
    return new KratixPermissionPolicy(admins, options.userInfo);
  }

  private readonly admins: Set<string>;

  constructor(admins: string[], private readonly userInfo: UserInfoService) {
    this.admins = new Set(admins.map(normalizeRef));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('kratix.')) {
      return ALLOW;
    }
    if (!user) {
      return DENY;
    }
    if (isPermission(permission, kratixPromiseReadPermission)) {
      return ALLOW;
    }
    if (
      isPermission(permission, kratixPromiseUpdatePermission) ||
      isPermission(permission, kratixWorkPlacementDeletePermission)
    ) {
      if (await this.isAdmin(user)) return ALLOW;
      // Everyone else: only the owners of the Promise (its backstage.io/owner), evaluated by the
      // kratix backend on the Promise itself (rule IS_PROMISE_OWNER).
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      return createKratixPromiseConditionalDecision(
        permission,
        kratixPromiseConditions.isPromiseOwner({ claims: ownershipEntityRefs }),
      );
    }
    return DENY;
  }

  private async isAdmin(user: PolicyQueryUser): Promise<boolean> {
    if (this.admins.size === 0) {
      return false;
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    return [userEntityRef, ...ownershipEntityRefs].some(ref =>
      this.admins.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}

/**
 * Installs {@link KratixPermissionPolicy} into the permission backend.
 */
export const permissionModuleKratixPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'kratix-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        policy.setPolicy(
          KratixPermissionPolicy.fromConfig(config, { userInfo, logger }),
        );
      },
    });
  },
});
