import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformCache } from '../cache/PlatformCache';
import { KratixClusterClient } from '../cluster/KratixClusterClient';

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/**
 * A PlatformCache filled by hand: never started (no cluster), so its stores are changed directly
 * with upsert/remove/replaceAll, exactly as the reflectors would.
 *
 * @public
 */
export function memoryCache(platform = 'local'): PlatformCache {
  const client = { platform } as unknown as KratixClusterClient;
  return new PlatformCache(client, silentLogger);
}
