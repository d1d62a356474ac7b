import { createApiRef } from '@backstage/frontend-plugin-api';

/**
 * Health status reported by the Kratix backend plugin.
 *
 * @public
 */
export interface KratixHealth {
  status: string;
}

/**
 * Client for the Kratix backend plugin (/api/kratix).
 *
 * @public
 */
export interface KratixApi {
  /** Checks that the Kratix backend plugin is up. */
  health(): Promise<KratixHealth>;
}

/**
 * API reference for {@link KratixApi}. Usable from both the legacy and the new
 * frontend system.
 *
 * @public
 */
export const kratixApiRef = createApiRef<KratixApi>().with({
  id: 'plugin.kratix.service',
  pluginId: 'kratix',
});
