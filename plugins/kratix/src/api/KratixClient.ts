import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { KratixApiClient } from '@kratix-backstage/plugin-kratix-common';
import { KratixApi } from './KratixApi';

/**
 * Default {@link KratixApi} implementation: the shared Kratix API client of
 * `@kratix-backstage/plugin-kratix-common`, talking to the Kratix backend plugin
 * through the discovery and fetch APIs (the fetch API adds the user's token).
 * Error answers reject with a `ResponseError`.
 *
 * @public
 */
export class KratixClient extends KratixApiClient implements KratixApi {
  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    super({ discoveryApi: options.discoveryApi, fetchApi: options.fetchApi });
  }
}
