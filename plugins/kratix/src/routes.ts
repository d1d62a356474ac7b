import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the standalone Kratix page (/kratix).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'kratix' });
