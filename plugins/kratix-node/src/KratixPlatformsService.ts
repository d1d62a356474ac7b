import {
  KratixGeneration,
  ReadMeta,
  SlimDestination,
  SlimPromise,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixClusterClient } from './cluster/KratixClusterClient';
import { PlatformConfig } from './cluster/platformConfig';

/**
 * A change of a cached store, as its listeners see it.
 *
 * @public
 */
export type KratixStoreChange<T> =
  | { type: 'upsert'; item: T; previous?: T }
  | { type: 'remove'; item: T }
  | { type: 'replace' };

/**
 * A read view of one kind of cached Kratix object: by key, all of them, or through an index
 * (e.g. the WorkPlacements of a Promise), kept up to date by the platform's watches.
 *
 * @public
 */
export interface KratixObjectStore<T> {
  /** Counts the store's changes: equal revisions mean equal contents. */
  readonly revision: number;
  readonly size: number;
  get(key: string): T | undefined;
  all(): T[];
  /** Objects whose index `name` contains `value`. */
  byIndex(name: string, value: string): T[];
  countByIndex(name: string, value: string): number;
  /**
   * A value derived from the store's current contents, computed once and reused until the store
   * next changes, or, with `aspect` (e.g. {@link PLACEMENT_ASPECT}), until that part of an item
   * changes: a status-only write then keeps it. The value must not be mutated.
   */
  memo<R>(key: string, compute: () => R, aspect?: string): R;
  onChange(listener: (change: KratixStoreChange<T>) => void): () => void;
}

/**
 * WorkPlacements of one Promise on one Destination.
 *
 * @public
 */
export interface KratixPlacementCount {
  total: number;
  misplaced: number;
}

/**
 * WorkPlacement counts per (Promise, Destination), kept from the watch events: O(1) per change,
 * and `revision` moves only when a count moves (not on status writes).
 *
 * @public
 */
export interface KratixPlacementCounts {
  readonly revision: number;
  /** Counts per Destination of one Promise. */
  ofPromise(promise: string): ReadonlyMap<string, KratixPlacementCount>;
  cell(promise: string, destination: string): KratixPlacementCount | undefined;
  /** Every non-empty (Promise, Destination) cell. */
  cells(): IterableIterator<{
    promise: string;
    destination: string;
    count: KratixPlacementCount;
  }>;
}

/**
 * The watch state of one Kratix kind on a platform.
 *
 * @public
 */
export interface KratixWatchStatus {
  kind: string;
  /** A full list has completed at least once. */
  synced: boolean;
  /** The last list or watch request reached the apiserver. */
  connected: boolean;
  lastError?: string;
  /** When the apiserver last answered (list page or watch event/stream end). */
  lastContactAt?: string;
  disconnectedSince?: string;
  relists: number;
  watches: number;
}

/**
 * The state of a platform's watch cache.
 *
 * @public
 */
export interface KratixPlatformStatus {
  platform: string;
  generation?: KratixGeneration;
  /** Every kind has been listed at least once. */
  synced: boolean;
  /** Every watch currently reaches the apiserver. */
  connected: boolean;
  /** Why not connected (first failing kind). */
  error?: string;
  disconnectedSince?: string;
  kinds: KratixWatchStatus[];
}

/**
 * The watch-fed picture of one Kratix platform, as its consumers read it: slim Promises,
 * Destinations, state stores, Works and WorkPlacements.
 *
 * @public
 */
export interface KratixPlatformCache {
  readonly platform: string;
  /** The Kratix generation the platform runs (detected from its API). */
  readonly generation: KratixGeneration;
  readonly promises: KratixObjectStore<SlimPromise>;
  readonly destinations: KratixObjectStore<SlimDestination>;
  readonly stateStores: KratixObjectStore<SlimStateStore>;
  readonly works: KratixObjectStore<SlimWork>;
  readonly workPlacements: KratixObjectStore<SlimWorkPlacement>;
  /** WorkPlacement counts per (Promise, Destination). */
  readonly placementCounts: KratixPlacementCounts;
  status(): KratixPlatformStatus;
  /** Called on any state change of the cache (sync, connection); returns an unsubscribe function. */
  onStateChange(listener: () => void): () => void;
  /** When the cache first saw the WorkPlacement marked misplaced (when Kratix wrote no time). */
  misplacedObservedSince(namespace: string, name: string): string | undefined;
  /** Remembers that a cleanup of this process deleted this WorkPlacement (to spot a re-created one). */
  recordCleanupDeletion(namespace: string, name: string, uid: string): void;
  /**
   * When a cleanup of this process deleted an earlier WorkPlacement of this name, if `uid` is
   * another object: Kratix created it again (its scheduler races with the delete).
   */
  recreatedAfterCleanup(
    namespace: string,
    name: string,
    uid: string,
  ): string | undefined;
  /** The state store a Destination writes to, if cached. */
  stateStoreOf(
    destination: SlimDestination | undefined,
  ): SlimStateStore | undefined;
}

/**
 * One configured Kratix platform: its configuration, its cluster client and its watch cache.
 *
 * @public
 */
export interface Platform {
  config: PlatformConfig;
  client: KratixClusterClient;
  cache: KratixPlatformCache;
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
