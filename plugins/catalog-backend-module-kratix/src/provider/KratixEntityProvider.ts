import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  SlimPromise,
  matchDestination,
  promiseSelector,
  targetedDestinations,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformCache } from '@kratix-backstage/plugin-kratix-node';
import {
  EntityContext,
  buildDestinationEntity,
  buildPromiseEntity,
  destinationEntityRef,
  kratixLocationRef,
  promiseEntityRef,
} from '../entities/buildEntities';

/**
 * Tells the provider whether the platform cache has listed everything once, and when that changes.
 *
 * @public
 */
export interface SyncSignal {
  isSynced(): boolean;
  /** Called on any state change of the cache; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * The cache's own signal: `cache.status().synced`, notified through `cache.onStateChange`.
 *
 * @public
 */
export function cacheSyncSignal(cache: KratixPlatformCache): SyncSignal {
  return {
    isSynced: () => cache.status().synced,
    onChange: listener => cache.onStateChange(listener),
  };
}

/** @public */
export interface KratixEntityProviderOptions {
  cache: KratixPlatformCache;
  /** Platform name, naming and owner rules (EntityContext.platform names the provider). */
  context: EntityContext;
  logger: LoggerService;
  /** Runs the periodic full mutation (`kratix.catalog.schedule`). */
  taskRunner: SchedulerServiceTaskRunner;
  /** Defaults to the cache's own status; tests inject theirs. */
  syncSignal?: SyncSignal;
  /** Quiet time after the last change before a delta is applied (default 200 ms). */
  debounceMs?: number;
  /** Upper bound on how long a steady stream of changes can delay a delta (default 2 s). */
  maxWaitMs?: number;
  /** Delay before retrying after a failed mutation (default 10 s). */
  retryMs?: number;
}

interface Emitted {
  entityRef: string;
  /** JSON of the entity as last applied, to skip unchanged entities in deltas. */
  json: string;
}

const promiseKey = (name: string) => `promise:${name}`;
const destinationKey = (name: string) => `destination:${name}`;

/**
 * Provides the Promises (Components) and Destinations (Resources) of one Kratix platform to the
 * catalog, from the platform's watch cache:
 *
 * - once the cache has synced: one full mutation;
 * - Promise upsert/remove: a delta for that Promise;
 * - Destination upsert/remove: a delta for that Destination and for every Promise whose targeting
 *   of it changed (only the changed Destinations are re-matched against each Promise);
 * - a store re-list ('replace'): one full mutation;
 * - periodically (scheduler): a full mutation to heal drift.
 *
 * Changes are debounced, so a burst of watch events becomes one mutation, and mutations are
 * applied one at a time in order. Entities whose content did not change are not re-sent.
 *
 * @public
 */
export class KratixEntityProvider implements EntityProvider {
  private readonly platform: string;
  private readonly locationKey: string;
  private readonly syncSignal: SyncSignal;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly retryMs: number;

  private connection?: EntityProviderConnection;
  private readonly unsubscribers: Array<() => void> = [];
  private closed = false;

  /** Changes not yet applied. */
  private pendingPromises = new Set<string>();
  private pendingDestinations = new Set<string>();
  private needFull = true;
  private fullDone = false;

  /** What the catalog has from us, by promiseKey/destinationKey. */
  private emitted = new Map<string, Emitted>();
  /** Per Promise: the Destinations its entity's dependsOn lists, as last applied. */
  private targeting = new Map<string, Set<string>>();

  private timer?: ReturnType<typeof setTimeout>;
  private firstPendingAt?: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: KratixEntityProviderOptions) {
    this.platform = options.context.platform;
    this.locationKey = kratixLocationRef(this.platform);
    this.syncSignal = options.syncSignal ?? cacheSyncSignal(options.cache);
    this.debounceMs = options.debounceMs ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
    this.retryMs = options.retryMs ?? 10_000;
  }

  getProviderName(): string {
    return `kratix-provider:${this.platform}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { cache } = this.options;
    this.unsubscribers.push(
      cache.promises.onChange(change => {
        if (change.type === 'replace') this.needFull = true;
        else this.pendingPromises.add(change.item.name);
        this.schedule();
      }),
      cache.destinations.onChange(change => {
        if (change.type === 'replace') this.needFull = true;
        else this.pendingDestinations.add(change.item.name);
        this.schedule();
      }),
      this.syncSignal.onChange(() => {
        if (!this.fullDone && this.syncSignal.isSynced()) this.schedule(0);
      }),
    );
    if (this.syncSignal.isSynced()) this.schedule(0);

    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /**
   * A full mutation now (after any mutation in progress). What the scheduler runs; skipped, with
   * the first full mutation left to the sync signal, while the cache has not synced.
   */
  refresh(): Promise<void> {
    return this.enqueue(() => this.applyFull('scheduled refresh'));
  }

  /** Stops listening to the cache and drops pending work (backend shutdown). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribers.splice(0).forEach(u => u());
  }

  /** Resolves when every mutation queued so far has been applied (for tests and shutdown). */
  async idle(): Promise<void> {
    await this.chain;
  }

  /**
   * Flush after `delayMs` of quiet (debounce), but no later than maxWaitMs after the first
   * pending change.
   */
  private schedule(delayMs = this.debounceMs): void {
    const now = Date.now();
    this.firstPendingAt ??= now;
    this.setTimer(
      Math.max(
        0,
        Math.min(delayMs, this.firstPendingAt + this.maxWaitMs - now),
      ),
    );
  }

  private setTimer(wait: number): void {
    if (this.closed || !this.connection) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.firstPendingAt = undefined;
      void this.enqueue(() => this.flush());
    }, wait);
    // Never keep the process (or a test run) alive just for a pending flush.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step).catch(error => {
      this.options.logger.error(
        `kratix catalog provider ${this.platform}: ${(error as Error).message}`,
      );
      // Heal with a full mutation (sooner if another change arrives).
      this.needFull = true;
      this.firstPendingAt = undefined;
      this.setTimer(this.retryMs);
    });
    return this.chain;
  }

  private async flush(): Promise<void> {
    if (this.closed || !this.connection || !this.syncSignal.isSynced()) return;
    if (this.needFull || !this.fullDone) {
      await this.applyFull(this.fullDone ? 'cache re-listed' : 'cache synced');
      return;
    }
    await this.applyDelta();
  }

  private get generation() {
    return this.options.cache.generation;
  }

  private deferred(entity: Entity): DeferredEntity {
    return { entity, locationKey: this.locationKey };
  }

  private async applyFull(reason: string): Promise<void> {
    const connection = this.connection;
    if (this.closed || !connection) return;
    if (!this.syncSignal.isSynced()) {
      this.options.logger.debug(
        `kratix catalog provider ${this.platform}: ${reason} skipped, the platform cache has not synced yet`,
      );
      return;
    }
    // Snapshot synchronously: changes from here on are pending for the next delta.
    this.needFull = false;
    this.pendingPromises = new Set();
    this.pendingDestinations = new Set();
    const { cache, context } = this.options;
    const destinations = cache.destinations.all();
    const emitted = new Map<string, Emitted>();
    const targeting = new Map<string, Set<string>>();
    const entities: DeferredEntity[] = [];
    for (const promise of cache.promises.all()) {
      const names = targetedDestinations(
        promise,
        destinations,
        this.generation,
      );
      const entity = buildPromiseEntity(promise, names, context);
      targeting.set(promise.name, new Set(names));
      emitted.set(promiseKey(promise.name), {
        entityRef: promiseEntityRef(context, promise.name),
        json: JSON.stringify(entity),
      });
      entities.push(this.deferred(entity));
    }
    for (const destination of destinations) {
      const entity = buildDestinationEntity(destination, context);
      emitted.set(destinationKey(destination.name), {
        entityRef: destinationEntityRef(context, destination.name),
        json: JSON.stringify(entity),
      });
      entities.push(this.deferred(entity));
    }
    try {
      await connection.applyMutation({ type: 'full', entities });
    } catch (e) {
      this.needFull = true;
      throw e;
    }
    this.emitted = emitted;
    this.targeting = targeting;
    this.fullDone = true;
    this.options.logger.info(
      `kratix catalog provider ${this.platform}: full mutation (${reason}): ${targeting.size} Promises, ${destinations.length} Destinations`,
    );
  }

  private async applyDelta(): Promise<void> {
    const connection = this.connection!;
    const { cache, context } = this.options;
    const dirtyPromises = this.pendingPromises;
    const dirtyDestinations = this.pendingDestinations;
    this.pendingPromises = new Set();
    this.pendingDestinations = new Set();
    if (dirtyPromises.size === 0 && dirtyDestinations.size === 0) return;

    const added: DeferredEntity[] = [];
    const removed: Array<{ entityRef: string; locationKey: string }> = [];
    const emittedUpdates = new Map<string, Emitted | undefined>();
    const targetingUpdates = new Map<string, Set<string> | undefined>();

    for (const name of dirtyDestinations) {
      const key = destinationKey(name);
      const destination = cache.destinations.get(name);
      if (destination) {
        const entity = buildDestinationEntity(destination, context);
        const json = JSON.stringify(entity);
        if (this.emitted.get(key)?.json !== json) {
          added.push(this.deferred(entity));
          emittedUpdates.set(key, {
            entityRef: destinationEntityRef(context, name),
            json,
          });
        }
      } else if (this.emitted.has(key)) {
        removed.push({
          entityRef: this.emitted.get(key)!.entityRef,
          locationKey: this.locationKey,
        });
        emittedUpdates.set(key, undefined);
      }
    }

    // Promises whose targeting of a changed Destination flipped. Only the changed Destinations
    // are matched against each Promise, not the whole set.
    if (dirtyDestinations.size > 0) {
      const changed = [...dirtyDestinations].map(name => ({
        name,
        destination: cache.destinations.get(name),
      }));
      for (const promise of cache.promises.all()) {
        if (dirtyPromises.has(promise.name)) continue;
        const before = this.targeting.get(promise.name) ?? new Set<string>();
        const selector = promiseSelector(promise);
        const flipped = changed.some(
          ({ name, destination }) =>
            before.has(name) !==
            (destination !== undefined &&
              matchDestination(selector, destination, {
                generation: this.generation,
              }).matched),
        );
        if (flipped) dirtyPromises.add(promise.name);
      }
    }

    for (const name of dirtyPromises) {
      const key = promiseKey(name);
      const promise = cache.promises.get(name);
      if (promise) {
        const names = this.targetsOf(promise);
        const entity = buildPromiseEntity(promise, names, context);
        const json = JSON.stringify(entity);
        targetingUpdates.set(name, new Set(names));
        if (this.emitted.get(key)?.json !== json) {
          added.push(this.deferred(entity));
          emittedUpdates.set(key, {
            entityRef: promiseEntityRef(context, name),
            json,
          });
        }
      } else {
        targetingUpdates.set(name, undefined);
        if (this.emitted.has(key)) {
          removed.push({
            entityRef: this.emitted.get(key)!.entityRef,
            locationKey: this.locationKey,
          });
          emittedUpdates.set(key, undefined);
        }
      }
    }

    if (added.length > 0 || removed.length > 0) {
      await connection.applyMutation({ type: 'delta', added, removed });
      this.options.logger.debug(
        `kratix catalog provider ${this.platform}: delta mutation: ${added.length} added/updated, ${removed.length} removed`,
      );
    }
    for (const [key, value] of emittedUpdates) {
      if (value) this.emitted.set(key, value);
      else this.emitted.delete(key);
    }
    for (const [name, value] of targetingUpdates) {
      if (value) this.targeting.set(name, value);
      else this.targeting.delete(name);
    }
  }

  private targetsOf(promise: SlimPromise): string[] {
    return targetedDestinations(
      promise,
      this.options.cache.destinations.all(),
      this.generation,
    );
  }
}
