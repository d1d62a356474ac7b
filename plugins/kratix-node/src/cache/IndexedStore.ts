import { ReflectorSink } from './Reflector';

export type StoreChange<T> =
  | { type: 'upsert'; item: T; previous?: T }
  | { type: 'remove'; item: T }
  | { type: 'replace' };

/**
 * A map of objects by key with secondary indexes (index name → value → keys), kept up to date
 * on every change so lookups never scan the whole store.
 */
export class IndexedStore<T> implements ReflectorSink<T> {
  private readonly items = new Map<string, T>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly listeners = new Set<(change: StoreChange<T>) => void>();
  /** Values derived from the store (see memo): dropped on every change, or only on changes of their aspect. */
  private readonly memos = new Map<
    string,
    { value: unknown; aspect?: string }
  >();
  private changes = 0;
  /** Changes per aspect (see the constructor's `aspects`). */
  private readonly aspectChanges = new Map<string, number>();

  /**
   * @param aspects - named parts of an item, each with a test of whether an update changed it
   *   (e.g. "everything but the status"). A memo that depends on one aspect survives the updates
   *   that leave the aspect alone, so a status-only write does not start it over.
   */
  constructor(
    readonly keyOf: (item: T) => string,
    private readonly indexFns: Record<
      string,
      (item: T) => Array<string | undefined>
    > = {},
    private readonly aspects: Record<
      string,
      (previous: T, next: T) => boolean
    > = {},
  ) {
    for (const name of Object.keys(indexFns)) this.indexes.set(name, new Map());
    for (const name of Object.keys(aspects)) this.aspectChanges.set(name, 0);
  }

  /** Counts the changes of one aspect (inserts, removals and re-lists change every aspect). */
  aspectRevision(aspect: string): number {
    const n = this.aspectChanges.get(aspect);
    if (n === undefined)
      throw new Error(`IndexedStore: unknown aspect "${aspect}"`);
    return n;
  }

  /** Counts the store's changes: equal revisions mean equal contents (for memos over several stores). */
  get revision(): number {
    return this.changes;
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  all(): T[] {
    return [...this.items.values()];
  }

  /** Objects whose index `name` contains `value`. */
  byIndex(name: string, value: string): T[] {
    const keys = this.indexes.get(name)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const item = this.items.get(k);
      if (item) out.push(item);
    }
    return out;
  }

  countByIndex(name: string, value: string): number {
    return this.indexes.get(name)?.get(value)?.size ?? 0;
  }

  /** The distinct values of an index with their counts. */
  indexValues(name: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [value, keys] of this.indexes.get(name) ?? [])
      out.set(value, keys.size);
    return out;
  }

  onChange(listener: (change: StoreChange<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  replaceAll(items: T[]): void {
    this.items.clear();
    for (const index of this.indexes.values()) index.clear();
    for (const item of items) this.insert(item);
    this.emit({ type: 'replace' });
  }

  upsert(item: T): void {
    const key = this.keyOf(item);
    const previous = this.items.get(key);
    if (previous) this.unindex(key, previous);
    this.insert(item);
    this.emit({ type: 'upsert', item, previous });
  }

  remove(item: T): void {
    const key = this.keyOf(item);
    const previous = this.items.get(key);
    if (!previous) return;
    this.unindex(key, previous);
    this.items.delete(key);
    this.emit({ type: 'remove', item: previous });
  }

  private insert(item: T): void {
    const key = this.keyOf(item);
    this.items.set(key, item);
    for (const [name, fn] of Object.entries(this.indexFns)) {
      const index = this.indexes.get(name)!;
      for (const value of fn(item)) {
        if (value === undefined) continue;
        let keys = index.get(value);
        if (!keys) index.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private unindex(key: string, item: T): void {
    for (const [name, fn] of Object.entries(this.indexFns)) {
      const index = this.indexes.get(name)!;
      for (const value of fn(item)) {
        if (value === undefined) continue;
        const keys = index.get(value);
        keys?.delete(key);
        if (keys && keys.size === 0) index.delete(value);
      }
    }
  }

  /**
   * A value derived from the store's current contents, computed once and reused until the store
   * next changes (e.g. a sorted view read on every request) — or, with `aspect`, until that aspect
   * next changes. The value must not be mutated.
   */
  memo<R>(key: string, compute: () => R, aspect?: string): R {
    if (aspect !== undefined) this.aspectRevision(aspect);
    const hit = this.memos.get(key);
    if (hit && hit.aspect === aspect) return hit.value as R;
    const value = compute();
    this.memos.set(key, { value, aspect });
    return value;
  }

  private emit(change: StoreChange<T>): void {
    this.changes += 1;
    // Which aspects changed: all of them, unless an update of an existing item says otherwise.
    const changed = new Set<string>();
    for (const [name, test] of Object.entries(this.aspects)) {
      if (
        change.type !== 'upsert' ||
        !change.previous ||
        test(change.previous, change.item)
      ) {
        changed.add(name);
        this.aspectChanges.set(name, this.aspectChanges.get(name)! + 1);
      }
    }
    for (const [key, m] of this.memos) {
      if (m.aspect === undefined || changed.has(m.aspect))
        this.memos.delete(key);
    }
    for (const l of this.listeners) l(change);
  }
}
