import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { KratixApiClient } from '@kratix-backstage/plugin-kratix-common';

/**
 * The part of the Kratix backend's HTTP API the scaffolder actions call, as one user (the
 * scaffolder task's initiator). Error answers reject with a `ResponseError` whose message is
 * the backend's message, so a task that fails on it says why.
 *
 * @public
 */
export type KratixBackendApi = Pick<
  KratixApiClient,
  | 'listPlatforms'
  | 'getPromise'
  | 'getPromiseManifest'
  | 'previewPromise'
  | 'updatePromise'
  | 'cleanupPreflight'
  | 'cleanup'
>;

/**
 * Creates the client for one action run, for the task's initiator.
 *
 * @public
 */
export type KratixBackendClientFactory = (
  credentials: BackstageCredentials,
) => KratixBackendApi;

/**
 * The shared Kratix API client, authenticated on behalf of a user: each request carries a plugin
 * request token for `kratix` minted on behalf of the user's credentials, so the backend applies
 * that user's permissions, audits them as the actor and records them in the Promise's history.
 *
 * @public
 */
export function kratixBackendClientFactory(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
  fetch?: typeof fetch;
}): KratixBackendClientFactory {
  return credentials =>
    new KratixApiClient({
      discoveryApi: deps.discovery,
      fetchApi: deps.fetch ? { fetch: deps.fetch } : undefined,
      getToken: async () =>
        (
          await deps.auth.getPluginRequestToken({
            onBehalfOf: credentials,
            targetPluginId: 'kratix',
          })
        ).token,
    });
}
