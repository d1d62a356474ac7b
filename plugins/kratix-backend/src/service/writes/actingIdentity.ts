import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ActingIdentity, Platform } from '@kratix-backstage/plugin-kratix-node';

/** The Backstage actor of a request: a user entity ref, or `service:<subject>`. */
export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user') return p.userEntityRef!;
  if (p.type === 'service') return `service:${p.subject}`;
  return p.type;
}

/**
 * Who the plugin acts as on the platform: its own service account, or — when the platform sets
 * `impersonateUser` — the signed-in user, as Kubernetes user <entity name> (user:default/alice →
 * alice), so Kubernetes RBAC applies per person.
 */
export async function actingIdentity(
  platform: Platform,
  credentials: BackstageCredentials,
  userInfo: UserInfoService,
): Promise<ActingIdentity | undefined> {
  if (!platform.config.impersonateUser) return undefined;
  if ((credentials.principal as { type: string }).type !== 'user')
    return undefined;
  const info = await userInfo.getUserInfo(
    credentials as BackstageCredentials<BackstageUserPrincipal>,
  );
  const { name } = parseEntityRef(info.userEntityRef);
  return { user: name, groups: [] };
}
