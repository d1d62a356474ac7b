import { LoggerService } from '@backstage/backend-plugin-api';
import { KratixClusterClient } from '@kratix-backstage/plugin-kratix-node';
import { PlatformCache } from '@kratix-backstage/plugin-kratix-node/testUtils';
import {
  aDestination,
  aPromise,
} from '@kratix-backstage/plugin-kratix-common/testUtils';

export { aDestination, aPromise };

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/** The three Destinations of the local test platform (dev/platform). */
export function localDestinations() {
  return [
    aDestination('dev-1', { environment: 'dev', region: 'eu' }),
    aDestination('dev-2', { environment: 'dev', region: 'us' }),
    aDestination('prod-1', { environment: 'prod', region: 'eu' }),
  ];
}

/**
 * A PlatformCache filled by hand: never started (no cluster), so its stores are changed directly
 * with upsert/remove/replaceAll, exactly as the reflectors would.
 */
export function memoryCache(platform = 'local'): PlatformCache {
  const client = { platform } as unknown as KratixClusterClient;
  return new PlatformCache(client, silentLogger);
}
