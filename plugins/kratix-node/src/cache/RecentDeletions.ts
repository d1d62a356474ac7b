/**
 * WorkPlacements this process deleted through a cleanup, by namespace/name, for an hour. Kratix's
 * scheduler can re-create a misplaced dependency WorkPlacement right after it was deleted (same
 * name, new uid: ae170e22 internal/controller/scheduler.go applyWorkplacementsForTargetDestinations
 * calls CreateOrUpdate on every WorkPlacement it listed); this tells such an object from the one
 * the cleanup deleted. Per process: another backend replica's cleanups are not known here.
 */
export class RecentDeletions {
  /** Oldest first: an entry is removed and added again when its name is deleted again. */
  private readonly byKey = new Map<
    string,
    { uid: string; at: string; atMs: number }
  >();

  constructor(
    private readonly ttlMs = 3_600_000,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  record(namespace: string, name: string, uid: string): void {
    this.prune();
    const key = `${namespace}/${name}`;
    const atMs = this.now();
    this.byKey.delete(key);
    this.byKey.set(key, { uid, at: new Date(atMs).toISOString(), atMs });
    if (this.byKey.size > this.maxEntries) {
      const oldest = this.byKey.keys().next().value;
      if (oldest !== undefined) this.byKey.delete(oldest);
    }
  }

  /**
   * When a cleanup deleted an earlier WorkPlacement of this name, if `uid` is another object (so
   * Kratix created it again); undefined otherwise.
   */
  recreatedAfter(
    namespace: string,
    name: string,
    uid: string,
  ): string | undefined {
    // Asked for every WorkPlacement a list shows; usually nothing was cleaned up lately.
    if (this.byKey.size === 0) return undefined;
    const entry = this.byKey.get(`${namespace}/${name}`);
    if (!entry || entry.uid === uid) return undefined;
    if (this.now() - entry.atMs > this.ttlMs) return undefined;
    return entry.at;
  }

  get size(): number {
    return this.byKey.size;
  }

  private prune(): void {
    const limit = this.now() - this.ttlMs;
    for (const [key, entry] of this.byKey) {
      if (entry.atMs >= limit) break;
      this.byKey.delete(key);
    }
  }
}
