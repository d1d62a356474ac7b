import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  kratixPromiseReadPermission,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPermissionPolicy } from './permissionPolicy';

function policyWith(admins: string[], ownership: Record<string, string[]>) {
  const userInfo = {
    getUserInfo: async (credentials: any) => {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(ownership[userEntityRef] ?? []),
        ],
      };
    },
  };
  return KratixPermissionPolicy.fromConfig(
    mockServices.rootConfig({ data: { kratix: { permissions: { admins } } } }),
    { userInfo },
  );
}

const user = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
});

describe('KratixPermissionPolicy', () => {
  const policy = policyWith(
    ['user:development/guest', 'group:default/platform-team'],
    {
      'user:default/alice': ['group:default/platform-team'],
    },
  );

  it('lets every signed-in user read promises', async () => {
    await expect(
      policy.handle(
        { permission: kratixPromiseReadPermission },
        user('user:default/bob'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies kratix permissions without a user', async () => {
    await expect(
      policy.handle({ permission: kratixPromiseReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it.each([kratixPromiseUpdatePermission, kratixWorkPlacementDeletePermission])(
    'allows $name to admins (user or group) only',
    async permission => {
      await expect(
        policy.handle({ permission }, user('user:development/guest')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(
        policy.handle({ permission }, user('user:default/alice')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      // Non-admins: conditional on owning the Promise.
      await expect(
        policy.handle({ permission }, user('user:default/bob')),
      ).resolves.toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'kratix',
        resourceType: 'kratix-promise',
        conditions: {
          rule: 'IS_PROMISE_OWNER',
          params: { claims: ['user:default/bob'] },
        },
      });
    },
  );

  it('leaves mutations to Promise owners when no admins are configured', async () => {
    const closed = policyWith([], {});
    await expect(
      closed.handle(
        { permission: kratixPromiseUpdatePermission },
        user('user:development/guest'),
      ),
    ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
  });

  it('denies unknown kratix permissions and allows other plugins', async () => {
    const unknownKratix = createPermission({
      name: 'kratix.something.else',
      attributes: {},
    });
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    await expect(
      policy.handle(
        { permission: unknownKratix },
        user('user:development/guest'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: catalogRead }, user('user:default/bob')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
