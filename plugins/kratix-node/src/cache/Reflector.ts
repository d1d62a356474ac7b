import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KratixClusterClient,
  WatchEventType,
} from '../cluster/KratixClusterClient';
import { KratixKind } from '../cluster/kratixKinds';
import { errorMessageOf, kubeStatusOfMapped } from '../cluster/errors';

/** Receives a kind's objects: the full set after each list, then one change at a time. */
export interface ReflectorSink<T> {
  replaceAll(items: T[]): void;
  upsert(item: T): void;
  remove(item: T): void;
}

export interface ReflectorOptions {
  pageSize: number;
  /** The apiserver ends each watch after this long; the reflector re-watches from the last version. */
  watchTimeoutSeconds: number;
  minBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_REFLECTOR_OPTIONS: ReflectorOptions = {
  pageSize: 500,
  watchTimeoutSeconds: 25,
  minBackoffMs: 250,
  // Retries of an unreachable apiserver never wait longer than this, so the cache notices its
  // return within ~5 s however long the outage was (6 kinds × 1 request per 5 s is no load).
  maxBackoffMs: 5_000,
};

export interface ReflectorState {
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

class RelistNeeded extends Error {}

/**
 * Keeps one Kratix kind of one platform mirrored: a paged LIST, then WATCH from its
 * resourceVersion. A watch that ends is resumed from the last seen version (no re-list); a
 * `410 Gone` (version too old) triggers a re-list; connection errors retry with exponential
 * backoff, resuming the watch from the last version when it is still valid.
 */
export class Reflector<T> {
  private stopped = false;
  private stopWatch?: () => void;
  private wake?: () => void;
  private resourceVersion = '';
  readonly state: ReflectorState;

  constructor(
    private readonly client: KratixClusterClient,
    private readonly kind: KratixKind,
    private readonly transform: (obj: any) => T,
    private readonly sink: ReflectorSink<T>,
    private readonly logger: LoggerService,
    private readonly options: ReflectorOptions = DEFAULT_REFLECTOR_OPTIONS,
    private readonly onStateChange: () => void = () => {},
  ) {
    this.state = {
      kind: kind.plural,
      synced: false,
      connected: false,
      relists: 0,
      watches: 0,
    };
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
    this.wake?.();
  }

  private contact(): void {
    const wasDown = !this.state.connected;
    this.state.connected = true;
    this.state.lastError = undefined;
    this.state.disconnectedSince = undefined;
    this.state.lastContactAt = new Date().toISOString();
    if (wasDown) this.onStateChange();
  }

  private lost(error: unknown): void {
    const message = errorMessageOf(error);
    const wasUp = this.state.connected;
    this.state.connected = false;
    this.state.lastError = message;
    this.state.disconnectedSince ??= new Date().toISOString();
    if (wasUp) {
      // The platform cache logs the platform's reachability once per change; this is the detail.
      this.logger.debug(
        `kratix cache: ${this.kind.plural} on ${this.client.platform} lost: ${message}`,
      );
      this.onStateChange();
    }
  }

  private async run(): Promise<void> {
    let backoff = this.options.minBackoffMs;
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.list();
          needList = false;
        }
        await this.watchOnce();
        backoff = this.options.minBackoffMs;
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof RelistNeeded) {
          needList = true;
          continue;
        }
        this.lost(e);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
      }
    }
  }

  private async list(): Promise<void> {
    const items: T[] = [];
    let token: string | undefined;
    let resourceVersion = '';
    do {
      let page;
      try {
        page = await this.client.listPage(
          this.kind,
          this.options.pageSize,
          token,
        );
      } catch (e) {
        // An expired continue token (410) restarts the list from the beginning.
        if (kubeStatusOfMapped(e) === 410) {
          token = undefined;
          items.length = 0;
          continue;
        }
        throw e;
      }
      this.contact();
      for (const obj of page.items) {
        obj.kind ??= this.kind.kind;
        items.push(this.transform(obj));
      }
      token = page.continueToken;
      resourceVersion = page.resourceVersion;
    } while (token);
    this.resourceVersion = resourceVersion;
    this.sink.replaceAll(items);
    this.state.relists += 1;
    if (!this.state.synced) {
      this.state.synced = true;
      this.onStateChange();
    }
  }

  /** One watch stream, until the apiserver ends it. Throws on errors. */
  private watchOnce(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        this.stopWatch = undefined;
        if (err) reject(err);
        else resolve();
      };
      const onEvent = (type: WatchEventType, obj: any) => {
        if (settled) return;
        this.contact();
        if (type === 'ERROR') {
          // A Status object: 410 Gone means our resourceVersion is too old.
          this.stopWatch?.();
          finish(
            obj?.code === 410
              ? new RelistNeeded()
              : new Error(obj?.message ?? 'watch error'),
          );
          return;
        }
        const rv = obj?.metadata?.resourceVersion;
        if (rv) this.resourceVersion = rv;
        if (type === 'BOOKMARK') return;
        obj.kind ??= this.kind.kind;
        const item = this.transform(obj);
        if (type === 'DELETED') this.sink.remove(item);
        else this.sink.upsert(item);
      };
      this.state.watches += 1;
      this.client
        .watch(
          this.kind,
          this.resourceVersion,
          this.options.watchTimeoutSeconds,
          onEvent,
          err => {
            if (!err) this.contact();
            finish(err);
          },
        )
        .then(stop => {
          if (settled) return;
          // The watch call returns once the apiserver answered 200: reachable, even before an event.
          this.contact();
          this.stopWatch = stop;
          if (this.stopped) stop();
        })
        .catch(finish);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}
