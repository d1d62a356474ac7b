/**
 * One shared copy of the strings that many cached objects repeat. `JSON.parse` makes a new string
 * for every value, so 200,000 WorkPlacements held 200,000 copies of their namespace, Promise,
 * pipeline, Destination, label values and condition texts; sharing them halves the heap such
 * objects take (bench/README.md). Values that are unique per object (names, uids,
 * resourceVersions) are not pooled. The pool is bounded: when it reaches `maxEntries` it starts
 * over (objects keep the copies they have; only the sharing of new ones restarts), so strings of
 * objects long gone do not stay in it for ever.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly maxEntries = 100_000) {}

  /** The pooled copy of `value` (itself the first time it is seen). */
  of(value: string): string {
    const kept = this.pool.get(value);
    if (kept !== undefined) return kept;
    if (this.pool.size >= this.maxEntries) this.pool.clear();
    this.pool.set(value, value);
    return value;
  }

  /** `of`, for a value that may be missing. */
  maybe(value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.of(value);
  }

  /** A copy of a string map (labels, matchLabels) with its values pooled. */
  values(map: Record<string, string> | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!map) return out;
    for (const key of Object.keys(map)) out[key] = this.of(String(map[key]));
    return out;
  }

  get size(): number {
    return this.pool.size;
  }
}
