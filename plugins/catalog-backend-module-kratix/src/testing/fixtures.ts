import { memoryCache } from '@kratix-backstage/plugin-kratix-node/testUtils';
import {
  aDestination,
  aPromise,
} from '@kratix-backstage/plugin-kratix-common/testUtils';

export { aDestination, aPromise, memoryCache };

/** The three Destinations of the local test platform (dev/platform). */
export function localDestinations() {
  return [
    aDestination('dev-1', { environment: 'dev', region: 'eu' }),
    aDestination('dev-2', { environment: 'dev', region: 'us' }),
    aDestination('prod-1', { environment: 'prod', region: 'eu' }),
  ];
}
