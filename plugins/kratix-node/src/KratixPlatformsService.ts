import { ReadMeta } from '@kratix-backstage/plugin-kratix-common';
import { PlatformCache } from './cache/PlatformCache';
import { KratixClusterClient } from './cluster/KratixClusterClient';
import { PlatformConfig } from './cluster/platformConfig';

/**
 * One configured Kratix platform: its configuration, its cluster client and its watch cache.
 *
 * @public
 */
export interface Platform {
  config: PlatformConfig;
  client: KratixClusterClient;
  cache: PlatformCache;
}

/**
 * The Kratix platforms of this backend, as the Kratix plugins and modules use them (through
 * `kratixPlatformsServiceRef`). The default implementation watches each configured platform once
 * per process and is started and stopped with the backend.
 *
 * @public
 */
export interface KratixPlatformsService {
  /** Names of every configured platform, usable or not. */
  names(): string[];
  /** Configured platforms that could not be connected, with the reason. */
  brokenPlatforms(): Array<{ name: string; error: string }>;
  /** The usable platforms. */
  all(): Platform[];
  /** The platform; NotFoundError when unknown, ServiceUnavailableError when not usable. */
  get(name: string): Platform;
  /**
   * The platform's cache when it can answer: ServiceUnavailableError while it has never synced,
   * or while it is unreachable unless the caller accepts stale data (allowStale).
   */
  readable(
    name: string,
    allowStale?: boolean,
  ): { platform: Platform; meta: ReadMeta };
}
