import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { ReadMeta } from '@kratix-backstage/plugin-kratix-common';
import { PlatformCache } from './cache/PlatformCache';
import { KratixClusterClient } from './cluster/KratixClusterClient';
import { describeServer, kubeConfigFor } from './cluster/kubeConfigFor';
import { PlatformConfig } from './cluster/platformConfig';
import { KratixPlatformsService, Platform } from './KratixPlatformsService';

/**
 * A platform with the cache implementation the registry starts and stops (tests fill its stores
 * by hand).
 *
 * @public
 */
export type CachedPlatform = Platform & { cache: PlatformCache };

/**
 * The default KratixPlatformsService: the configured platforms, each with its cluster client and
 * watch cache. Not exported from the package's main entry point (tests build one from
 * `@kratix-backstage/plugin-kratix-node/testUtils`).
 *
 * @public
 */
export class PlatformRegistry implements KratixPlatformsService {
  private readonly platforms = new Map<string, CachedPlatform>();
  /** Platforms whose connection could not be built (bad kubeconfig, missing CA file...). */
  private readonly broken = new Map<string, string>();

  constructor(configs: PlatformConfig[], logger: LoggerService) {
    for (const config of configs) {
      let kc;
      try {
        kc = kubeConfigFor(config);
      } catch (e) {
        const reason = (e as Error).message;
        this.broken.set(config.name, reason);
        logger.error(`kratix platform ${config.name} is not usable: ${reason}`);
        continue;
      }
      const client = new KratixClusterClient(config.name, kc);
      const cache = new PlatformCache(client, logger);
      this.platforms.set(config.name, { config, client, cache });
      logger.info(
        `kratix platform ${config.name}: ${describeServer(
          kc,
        )} (connection from ${config.source}${
          config.impersonateUser ? ', impersonating users' : ''
        })`,
      );
    }
  }

  static fromPlatforms(
    platforms: CachedPlatform[],
    logger: LoggerService,
  ): PlatformRegistry {
    const r = new PlatformRegistry([], logger);
    for (const p of platforms) r.platforms.set(p.config.name, p);
    return r;
  }

  names(): string[] {
    return [...this.platforms.keys(), ...this.broken.keys()];
  }

  /** Configured platforms that could not be connected, with the reason. */
  brokenPlatforms(): Array<{ name: string; error: string }> {
    return [...this.broken].map(([name, error]) => ({ name, error }));
  }

  all(): CachedPlatform[] {
    return [...this.platforms.values()];
  }

  /** The platform, or 404 naming it. */
  get(name: string): CachedPlatform {
    const p = this.platforms.get(name);
    const brokenReason = this.broken.get(name);
    if (brokenReason) {
      throw new ServiceUnavailableError(
        `Kratix platform "${name}" is not usable: ${brokenReason}`,
      );
    }
    if (!p) {
      throw new NotFoundError(
        `unknown Kratix platform "${name}" (configured: ${
          this.names().join(', ') || 'none'
        })`,
      );
    }
    return p;
  }

  /**
   * The platform's cache when it can answer: 503 while it has never synced, or while it is
   * unreachable unless the caller accepts stale data (allowStale).
   */
  readable(
    name: string,
    allowStale = false,
  ): { platform: Platform; meta: ReadMeta } {
    const platform = this.get(name);
    const status = platform.cache.status();
    if (!status.synced) {
      throw new ServiceUnavailableError(
        `Kratix platform "${name}" is not available yet: ${
          status.error
            ? `cannot reach its Kubernetes API (${status.error})`
            : 'still loading its objects'
        }`,
      );
    }
    if (!status.connected && !allowStale) {
      throw new ServiceUnavailableError(
        `Kratix platform "${name}" is unreachable since ${status.disconnectedSince}: ${status.error}. ` +
          'Pass allowStale=true to read the last known state.',
      );
    }
    return {
      platform,
      meta: {
        platform: name,
        generation: platform.cache.generation,
        stale: !status.connected,
        staleSince: status.connected ? undefined : status.disconnectedSince,
        staleReason: status.connected ? undefined : status.error,
      },
    };
  }

  async start(): Promise<void> {
    await Promise.all(this.all().map(p => p.cache.start()));
  }

  stop(): void {
    this.all().forEach(p => p.cache.stop());
  }
}
