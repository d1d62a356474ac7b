import { RecentDeletions } from './RecentDeletions';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KratixGeneration,
  SlimDestination,
  SlimPromise,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
  detectKratixGeneration,
  misplacementLabelOf,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixClusterClient } from '../cluster/KratixClusterClient';
import { errorMessageOf } from '../cluster/errors';
import {
  BUCKET_STATE_STORES,
  DESTINATIONS,
  GIT_STATE_STORES,
  KratixKind,
  PROMISES,
  WORK_PLACEMENTS,
  WORKS,
} from '../cluster/kratixKinds';
import { Backoff, BackoffOptions } from './Backoff';
import { IndexedStore } from './IndexedStore';
import { PlacementCounts } from './PlacementCounts';
import {
  PLACEMENT_ASPECT,
  workShapeChanged,
  workPlacementShapeChanged,
} from './placementAspect';
import { ReachabilityLog } from './ReachabilityLog';
import {
  DEFAULT_REFLECTOR_OPTIONS,
  Reflector,
  ReflectorOptions,
  ReflectorSink,
  ReflectorState,
} from './Reflector';
import {
  slimDestination,
  slimPromise,
  slimStateStore,
  slimWork,
  slimWorkPlacement,
} from './slim';

/** Generation detection retries after 2 s, 4 s, 8 s … and then every 60 s. */
export const DEFAULT_GENERATION_RETRY: BackoffOptions = {
  initialMs: 2_000,
  maxMs: 60_000,
};

export const nsKey = (namespace: string, name: string) =>
  `${namespace}/${name}`;
export const storeKey = (kind: string, name: string) => `${kind}/${name}`;

export interface CacheStatus {
  platform: string;
  generation?: KratixGeneration;
  /** Every kind has been listed at least once. */
  synced: boolean;
  /** Every watch currently reaches the apiserver. */
  connected: boolean;
  /** Why not connected (first failing kind). */
  error?: string;
  disconnectedSince?: string;
  kinds: ReflectorState[];
}

/**
 * The watch-fed picture of one Kratix platform: slim Promises, Destinations, state stores, Works
 * and WorkPlacements, indexed by Promise, Work, target Destination and misplacement.
 */
export class PlatformCache {
  readonly promises = new IndexedStore<SlimPromise>(p => p.name);
  readonly destinations = new IndexedStore<SlimDestination>(d => d.name);
  readonly stateStores = new IndexedStore<SlimStateStore>(s =>
    storeKey(s.kind, s.name),
  );
  readonly works = new IndexedStore<SlimWork>(
    w => nsKey(w.namespace, w.name),
    { promise: w => [w.promiseName] },
    { [PLACEMENT_ASPECT]: workShapeChanged },
  );
  readonly workPlacements = new IndexedStore<SlimWorkPlacement>(
    wp => nsKey(wp.namespace, wp.name),
    {
      promise: wp => [wp.promiseName],
      destination: wp => [wp.targetDestinationName],
      work: wp => [wp.workName ? nsKey(wp.namespace, wp.workName) : undefined],
      misplaced: wp => [misplacementLabelOf(wp.labels) ? 'true' : undefined],
      misplacedByPromise: wp => [
        misplacementLabelOf(wp.labels) ? wp.promiseName : undefined,
      ],
      misplacedByDestination: wp => [
        misplacementLabelOf(wp.labels) ? wp.targetDestinationName : undefined,
      ],
    },
    { [PLACEMENT_ASPECT]: workPlacementShapeChanged },
  );
  /**
   * WorkPlacements per (Promise, Destination), total and misplaced: the matrix cells and each
   * Promise's per-Destination counts, kept from the watch events (O(1) per event).
   */
  readonly placementCounts = new PlacementCounts<SlimWorkPlacement>({
    promise: wp => wp.promiseName,
    destination: wp => wp.targetDestinationName,
    misplaced: wp => Boolean(misplacementLabelOf(wp.labels)),
  });
  /** When this process saw a WorkPlacement become misplaced (for ages without a condition). */
  private readonly misplacedObservedAt = new Map<string, string>();
  /** WorkPlacements this process's cleanups deleted: to recognise ones Kratix re-creates. */
  private readonly recentDeletions = new RecentDeletions();
  private readonly reflectors: Reflector<any>[] = [];
  private generationValue?: KratixGeneration;
  private generationError?: string;
  private stopped = false;
  private readonly stateListeners = new Set<() => void>();
  private readonly generationBackoff: Backoff;
  private generationRetry?: ReturnType<typeof setTimeout>;
  private readonly reachability: ReachabilityLog;

  constructor(
    readonly client: KratixClusterClient,
    private readonly logger: LoggerService,
    private readonly options: ReflectorOptions = DEFAULT_REFLECTOR_OPTIONS,
    generationRetry: BackoffOptions = DEFAULT_GENERATION_RETRY,
  ) {
    this.generationBackoff = new Backoff(generationRetry);
    this.reachability = new ReachabilityLog(logger, client.platform);
    this.workPlacements.onChange(change => {
      this.placementCounts.apply(change, () => this.workPlacements.all());
      if (change.type === 'replace') return;
      const key = nsKey(change.item.namespace, change.item.name);
      if (change.type === 'remove') {
        this.misplacedObservedAt.delete(key);
        return;
      }
      const now = misplacementLabelOf(change.item.labels);
      const before =
        change.previous && misplacementLabelOf(change.previous.labels);
      if (now && change.previous && !before)
        this.misplacedObservedAt.set(key, new Date().toISOString());
      if (!now) this.misplacedObservedAt.delete(key);
    });
  }

  get platform(): string {
    return this.client.platform;
  }

  get generation(): KratixGeneration {
    return this.generationValue ?? 'current';
  }

  misplacedObservedSince(namespace: string, name: string): string | undefined {
    return this.misplacedObservedAt.get(nsKey(namespace, name));
  }

  recordCleanupDeletion(namespace: string, name: string, uid: string): void {
    this.recentDeletions.record(namespace, name, uid);
  }

  recreatedAfterCleanup(
    namespace: string,
    name: string,
    uid: string,
  ): string | undefined {
    return this.recentDeletions.recreatedAfter(namespace, name, uid);
  }

  stateStoreOf(
    destination: SlimDestination | undefined,
  ): SlimStateStore | undefined {
    const ref = destination?.stateStoreRef;
    return ref ? this.stateStores.get(storeKey(ref.kind, ref.name)) : undefined;
  }

  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async start(): Promise<void> {
    await this.detectGeneration();
    const add = <T>(
      kind: KratixKind,
      transform: (o: any) => T,
      store: ReflectorSink<T>,
    ) => {
      const r = new Reflector<T>(
        this.client,
        kind,
        transform,
        store,
        this.logger,
        this.options,
        () => this.reflectorStateChanged(),
      );
      this.reflectors.push(r);
      r.start();
    };
    add(PROMISES, slimPromise, this.promises);
    add(DESTINATIONS, slimDestination, this.destinations);
    add(WORKS, slimWork, this.works);
    add(WORK_PLACEMENTS, slimWorkPlacement, this.workPlacements);
    // Both state store kinds feed one store; each reflector's list only replaces its own kind.
    add(GIT_STATE_STORES, slimStateStore, this.kindScoped('GitStateStore'));
    add(
      BUCKET_STATE_STORES,
      slimStateStore,
      this.kindScoped('BucketStateStore'),
    );
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.generationRetry);
    this.reflectors.forEach(r => r.stop());
  }

  /**
   * The Kratix generation, from the served CRDs; retried in the background until known, with
   * exponential backoff (2 s doubling to 60 s), and at once when a watch reaches the apiserver.
   */
  private async detectGeneration(): Promise<void> {
    this.generationRetry = undefined;
    try {
      this.generationValue = detectKratixGeneration(
        await this.client.servedPlurals(),
      );
      this.generationError = undefined;
      this.generationBackoff.reset();
      this.logger.info(
        `kratix platform ${this.platform}: Kratix API generation ${this.generationValue}`,
      );
    } catch (e) {
      this.generationError = errorMessageOf(e);
      if (!this.stopped) {
        this.generationRetry = setTimeout(
          () => void this.detectGeneration(),
          this.generationBackoff.next(),
        );
        this.generationRetry.unref?.();
      }
    }
    this.logReachability();
  }

  private reflectorStateChanged(): void {
    // The apiserver answers again: detect the generation now rather than at the next backoff step.
    if (this.generationRetry && this.reflectors.some(r => r.state.connected)) {
      clearTimeout(this.generationRetry);
      void this.detectGeneration();
    }
    this.logReachability();
    this.stateListeners.forEach(l => l());
  }

  /** One log line per reachability change of the platform (generation detection and watches). */
  private logReachability(): void {
    const down = this.reflectors.find(r => r.state.lastError !== undefined);
    if (this.generationError !== undefined)
      this.reachability.unreachable(this.generationError);
    else if (down)
      this.reachability.unreachable(
        `${down.state.kind}: ${down.state.lastError}`,
      );
    else if (
      this.generationValue &&
      this.reflectors.every(r => r.state.connected)
    ) {
      this.reachability.reachable();
    }
  }

  private kindScoped(
    kind: SlimStateStore['kind'],
  ): ReflectorSink<SlimStateStore> {
    const store = this.stateStores;
    return {
      replaceAll(items: SlimStateStore[]) {
        for (const s of store.all()) if (s.kind === kind) store.remove(s);
        for (const s of items) store.upsert(s);
      },
      upsert: (s: SlimStateStore) => store.upsert(s),
      remove: (s: SlimStateStore) => store.remove(s),
    };
  }

  status(): CacheStatus {
    const kinds = this.reflectors.map(r => ({ ...r.state }));
    const down = kinds.find(k => !k.connected);
    return {
      platform: this.platform,
      generation: this.generationValue,
      synced:
        kinds.length > 0 &&
        kinds.every(k => k.synced) &&
        this.generationValue !== undefined,
      connected:
        kinds.length > 0 && !down && this.generationValue !== undefined,
      error: down?.lastError ?? this.generationError,
      disconnectedSince: down?.disconnectedSince,
      kinds,
    };
  }
}
