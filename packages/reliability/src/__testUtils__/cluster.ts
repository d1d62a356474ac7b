import {
  KRATIX,
  customObjects,
  waitFor,
} from '@kratix-backstage/test-platform';

/** Kratix kinds whose objects the reliability checks compare before/after. */
export const KRATIX_PLURALS = [
  'promises',
  'destinations',
  'works',
  'workplacements',
  'gitstatestores',
  'bucketstatestores',
] as const;

/** `plural/namespace/name` → `uid@resourceVersion` of every Kratix object (a byte-for-byte proxy). */
export type Snapshot = Map<string, string>;

export async function snapshotKratix(
  api: ReturnType<typeof customObjects> = customObjects(),
  filter: (plural: string, obj: any) => boolean = () => true,
  fingerprint: (plural: string, obj: any) => string = versionOf,
): Promise<Snapshot> {
  const snap: Snapshot = new Map();
  for (const plural of KRATIX_PLURALS) {
    const res: any = await api.listClusterCustomObject({ ...KRATIX, plural });
    for (const o of res.items ?? []) {
      if (!filter(plural, o)) continue;
      snap.set(
        `${plural}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
        fingerprint(plural, o),
      );
    }
  }
  return snap;
}

/** uid@resourceVersion: any write at all changes it. */
export function versionOf(_plural: string, obj: any): string {
  return `${obj.metadata.uid}@${obj.metadata.resourceVersion}`;
}

/**
 * What Kratix's reconciles decide about an object: uid, spec generation, labels, finalizers,
 * deletion and status; not annotations or resourceVersion. Current Kratix re-stamps every
 * static-dependency Work (annotation kratix.io/last-updated-at) on each Promise reconcile, which
 * the Work change itself triggers again, and copies it to the Work's WorkPlacements: with
 * versionOf such objects never settle.
 */
export function kratixStateOf(_plural: string, obj: any): string {
  const m = obj.metadata ?? {};
  return JSON.stringify([
    m.uid,
    m.generation,
    Object.entries(m.labels ?? {}).sort(),
    m.finalizers ?? [],
    Boolean(m.deletionTimestamp),
    obj.status ?? null,
  ]);
}

/**
 * What the backend could change: a Promise's version (its only Promise write is an update), a
 * WorkPlacement's existence and deletion (its only other write is a delete). Unlike versionOf, it
 * ignores Kratix's own status writes (e.g. a new versionID after a Destination elsewhere changed).
 */
export function backendVisibleOf(plural: string, obj: any): string {
  if (plural === 'promises') return versionOf(plural, obj);
  return `${obj.metadata.uid}${
    obj.metadata.deletionTimestamp ? ' (being deleted)' : ''
  }`;
}

/** The objects of one Promise: the Promise, its Works and its WorkPlacements. */
export function ofPromise(promise: string) {
  return (plural: string, obj: any) =>
    (plural === 'promises' && obj.metadata.name === promise) ||
    ((plural === 'works' || plural === 'workplacements') &&
      obj.spec?.promiseName === promise);
}

/** What differs between two snapshots, as readable lines (empty when identical). */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [k, v] of before) {
    if (!after.has(k)) out.push(`gone: ${k} (${v})`);
    else if (after.get(k) !== v)
      out.push(`changed: ${k} ${v} → ${after.get(k)}`);
  }
  for (const [k, v] of after) if (!before.has(k)) out.push(`new: ${k} (${v})`);
  return out;
}

/** Waits until the snapshot stops changing for `quietMs` (Kratix has settled). */
export async function waitSettled(
  take: () => Promise<Snapshot>,
  quietMs = 1500,
  timeoutMs = 30_000,
): Promise<Snapshot> {
  let last = await take();
  let since = Date.now();
  let settled = last;
  await waitFor('Kratix settled', timeoutMs, async () => {
    const now = await take();
    if (diffSnapshots(last, now).length) {
      last = now;
      since = Date.now();
      return false;
    }
    settled = now;
    return Date.now() - since >= quietMs;
  });
  return settled;
}

/** Every Kratix object with what the backend could change of it (backendVisibleOf) and its Promise. */
export type OwnedSnapshot = Map<string, { version: string; promise?: string }>;

export async function snapshotOwned(
  api: ReturnType<typeof customObjects> = customObjects(),
): Promise<OwnedSnapshot> {
  const snap: OwnedSnapshot = new Map();
  for (const plural of KRATIX_PLURALS) {
    const res: any = await api.listClusterCustomObject({ ...KRATIX, plural });
    for (const o of res.items ?? []) {
      snap.set(`${plural}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, {
        version: backendVisibleOf(plural, o),
        promise: plural === 'promises' ? o.metadata.name : o.spec?.promiseName,
      });
    }
  }
  return snap;
}

/**
 * Differences between two snapshots of a SHARED platform, leaving out what other tests may be
 * doing meanwhile: objects of Promises that were created, deleted or changed in between (or of no
 * Promise seen), objects already being deleted, and Destinations other than the platform's own
 * (dev-1, dev-2, prod-1). What remains must not change.
 */
export function stableDiff(
  before: OwnedSnapshot,
  after: OwnedSnapshot,
): string[] {
  // Promises present, and identical, before and after; everything else is someone else's.
  const stablePromises = new Set<string>();
  for (const [k, v] of before) {
    if (k.startsWith('promises/') && after.get(k)?.version === v.version)
      stablePromises.add(k.split('/')[2]);
  }
  const keep = (k: string, v: { promise?: string }) => {
    if (k.startsWith('destinations/'))
      return /^destinations\/\/(dev-1|dev-2|prod-1)$/.test(k);
    if (before.get(k)?.version.endsWith('(being deleted)')) return false;
    return v.promise === undefined || stablePromises.has(v.promise);
  };
  const view = (s: OwnedSnapshot): Snapshot =>
    new Map(
      [...s].filter(([k, v]) => keep(k, v)).map(([k, v]) => [k, v.version]),
    );
  return diffSnapshots(view(before), view(after));
}
