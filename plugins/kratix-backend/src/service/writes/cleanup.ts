import {
  CleanupItemResult,
  CleanupOutcome,
  DestinationSelectorEntry,
  KratixGeneration,
  SlimDestination,
  SlimWork,
  SlimWorkPlacement,
  assessWorkPlacement,
  findWorkloadGroup,
  matchDestination,
  mergeWorkloadGroupSelectors,
  misplacementLabelOf,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';
import {
  ActingIdentity,
  Platform,
  kubeStatusOf,
  nsKey,
  slimPromise,
  slimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-node';
import { rateLimiter, runBounded } from './boundedPool';
import { preflightOf } from './cleanupSelection';

export interface CleanupOptions {
  force: boolean;
  dryRun: boolean;
  concurrency: number;
  /** Bound on apiserver requests per second (every DELETE and re-read takes a token). */
  ratePerSecond: number;
  as?: ActingIdentity;
  /** Promises the caller may delete WorkPlacements of (kratix.workplacement.delete). */
  allowedPromises: ReadonlySet<string>;
  /** Expected uid/resourceVersion per `namespace/name` (from the client's preflight). */
  expected: ReadonlyMap<
    string,
    { uid?: string; generation?: number; resourceVersion?: string }
  >;
  signal?: AbortSignal;
}

/** A Promise's selectors at some generation. */
export interface PromiseSelectors {
  generation: number;
  destinationSelectors: DestinationSelectorEntry[];
}

/**
 * Whether the Promise's current selectors select the WorkPlacement's Destination, although the
 * Work still carries the old ones: right after a selector change Kratix has not yet rewritten the
 * Work (and un-marked the WorkPlacement), so the Work alone would let a WorkPlacement the Promise
 * wants again be deleted. Only groups that take the Promise's selectors (source `promise`) count;
 * their other selectors (workflow ones) are kept, and merged the way Kratix merges them.
 */
export function promiseSelectsAgain(
  wp: SlimWorkPlacement,
  work: SlimWork | undefined,
  promise: PromiseSelectors | undefined,
  destination: SlimDestination | undefined,
  generation: KratixGeneration,
): boolean {
  const group = findWorkloadGroup(work, wp.workloadGroupId);
  if (
    !promise ||
    !destination ||
    !group?.destinationSelectors.some(s => s.source === 'promise')
  )
    return false;
  const selectors = [
    ...group.destinationSelectors.filter(s => s.source !== 'promise'),
    {
      matchLabels: squashPromiseScheduling(promise.destinationSelectors)
        .matchLabels,
      source: 'promise',
    },
  ];
  return matchDestination(
    mergeWorkloadGroupSelectors(selectors).matchLabels,
    destination,
    { generation },
  ).matched;
}

const newest = (a?: PromiseSelectors, b?: PromiseSelectors) =>
  !a || (b && b.generation > a.generation) ? b : a;

const refused = (wp: SlimWorkPlacement, reason: string): CleanupItemResult => ({
  namespace: wp.namespace,
  name: wp.name,
  promise: wp.promiseName,
  destination: wp.targetDestinationName,
  outcome: 'refused',
  reason,
});

/**
 * Why this WorkPlacement, as read in `now`, must not be deleted (undefined: it may be): not the
 * object the client checked (uid, and resourceVersion when the client sent one), no longer
 * labelled misplaced, already being deleted, or its Destination / the Promise selects it again.
 */
function refusalOf(
  platform: Platform,
  wp: SlimWorkPlacement,
  now: SlimWorkPlacement,
  o: CleanupOptions,
  promisesAtStart: ReadonlyMap<string, PromiseSelectors>,
): CleanupItemResult | undefined {
  const cache = platform.cache;
  const expected = o.expected.get(nsKey(wp.namespace, wp.name));
  if (now.uid !== (expected?.uid ?? wp.uid))
    return refused(wp, 'replaced by a new object (uid changed)');
  if (
    expected?.generation !== undefined &&
    now.generation !== expected.generation
  ) {
    return refused(
      wp,
      `changed since preflight (spec generation ${expected.generation} → ${
        now.generation ?? 'unknown'
      })`,
    );
  }
  if (
    expected?.resourceVersion &&
    now.resourceVersion !== expected.resourceVersion
  ) {
    return refused(
      wp,
      `changed since preflight (resourceVersion ${expected.resourceVersion} → ${now.resourceVersion})`,
    );
  }
  if (!misplacementLabelOf(now.labels)) {
    return refused(
      wp,
      'not misplaced (no misplaced label): cleanup only deletes misplaced WorkPlacements',
    );
  }
  if (now.deletionTimestamp) return refused(wp, 'already being deleted');
  const work = now.workName
    ? cache.works.get(nsKey(now.namespace, now.workName))
    : undefined;
  const assessment = assessWorkPlacement(
    now,
    work,
    cache.destinations.get(now.targetDestinationName),
    cache.generation,
  );
  if (assessment.destinationStillMatches === true) {
    return refused(
      wp,
      `Destination ${now.targetDestinationName} selects this workload again`,
    );
  }
  // The Promise as read when the cleanup started, or as the watch saw it since, whichever is newer.
  const promise = newest(
    promisesAtStart.get(now.promiseName),
    cache.promises.get(now.promiseName),
  );
  if (
    promiseSelectsAgain(
      now,
      work,
      promise,
      cache.destinations.get(now.targetDestinationName),
      cache.generation,
    )
  ) {
    return refused(
      wp,
      `Promise ${now.promiseName} selects Destination ${now.targetDestinationName} again (its selectors changed; Kratix has not updated the Work yet)`,
    );
  }
  return undefined;
}

type DeleteAttempt = CleanupItemResult | 'conflict';

/** DELETE with uid + resourceVersion preconditions: the apiserver deletes exactly `now` or nothing. */
async function deleteExactly(
  platform: Platform,
  wp: SlimWorkPlacement,
  now: SlimWorkPlacement,
  o: CleanupOptions,
  requestSlot: () => Promise<void>,
): Promise<DeleteAttempt> {
  try {
    await requestSlot();
    await platform.client.deleteWorkPlacement(
      now.namespace,
      now.name,
      { uid: now.uid, resourceVersion: now.resourceVersion },
      { dryRun: o.dryRun, as: o.as },
    );
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'ConflictError') return 'conflict';
    if (name === 'NotFoundError') return refused(wp, 'no longer exists');
    if (name === 'NotAllowedError') return refused(wp, (e as Error).message);
    return { ...refused(wp, (e as Error).message), outcome: 'failed' };
  }
  if (!o.dryRun)
    platform.cache.recordCleanupDeletion(now.namespace, now.name, now.uid);
  return {
    namespace: wp.namespace,
    name: wp.name,
    promise: wp.promiseName,
    destination: wp.targetDestinationName,
    outcome: 'deleted',
  };
}

/** Re-read + re-check + delete rounds for one item before it is refused as changing too often. */
export const MAX_CONFLICT_RETRIES = 5;

/**
 * Deletes one misplaced WorkPlacement, re-checking it right before. The re-check is done on a
 * version of the object and the DELETE carries that version's uid + resourceVersion as
 * preconditions, so the apiserver deletes exactly the version that was checked, or nothing (409):
 * no window between check and delete. The version checked first is the watch cache's (one request
 * per item); when the apiserver has a newer one (409), the WorkPlacement is re-read, checked again
 * and deleted with the new preconditions — or refused.
 */
async function cleanupOne(
  platform: Platform,
  wp: SlimWorkPlacement,
  o: CleanupOptions,
  promisesAtStart: ReadonlyMap<string, PromiseSelectors>,
  requestSlot: () => Promise<void>,
): Promise<CleanupItemResult> {
  const cache = platform.cache;
  if (!o.allowedPromises.has(wp.promiseName)) {
    return refused(
      wp,
      `not allowed: kratix.workplacement.delete on Promise ${wp.promiseName}`,
    );
  }
  const pre = preflightOf(cache, wp);
  // A shared directory is never forced: the delete would remove another WorkPlacement's live files.
  if (
    pre.found &&
    pre.blocked &&
    (!o.force || pre.destroysFilesOf.length > 0)
  ) {
    return refused(wp, `blocked: ${pre.blockReason}`);
  }

  // The fast path trusts the watch cache only to say yes. Any refusal of the cached version (e.g.
  // "not misplaced", when the cache lags behind Kratix's label write) leads to a re-read below.
  const cached = cache.workPlacements.get(nsKey(wp.namespace, wp.name));
  if (cached && !refusalOf(platform, wp, cached, o, promisesAtStart)) {
    const attempt = await deleteExactly(platform, wp, cached, o, requestSlot);
    if (attempt !== 'conflict') return attempt;
    // The cache is behind the apiserver: re-read below.
  }

  // Re-read, re-check and delete with the new preconditions. Current Kratix rewrites WorkPlacement
  // annotations every few seconds (each Promise reconcile re-stamps its Works, which are copied to
  // their WorkPlacements), so a conflict is retried a few times, each time on a re-checked version.
  for (let attempt = 1; ; attempt++) {
    let fresh: any;
    try {
      await requestSlot();
      fresh = await platform.client.getWorkPlacement(
        wp.namespace,
        wp.name,
        o.as,
      );
    } catch (e) {
      if (kubeStatusOf(e) === 404 || (e as Error).name === 'NotFoundError')
        return refused(wp, 'no longer exists');
      if ((e as Error).name === 'NotAllowedError')
        return refused(wp, (e as Error).message);
      return { ...refused(wp, (e as Error).message), outcome: 'failed' };
    }
    const now = slimWorkPlacement(fresh);
    const refusal = refusalOf(platform, wp, now, o, promisesAtStart);
    if (refusal) return refusal;
    const result = await deleteExactly(platform, wp, now, o, requestSlot);
    if (result !== 'conflict') return result;
    if (attempt >= MAX_CONFLICT_RETRIES) {
      return refused(
        wp,
        `changed right before the delete ${attempt} times in a row (resourceVersion precondition failed)`,
      );
    }
  }
}

/** Cleans up the given WorkPlacements with bounded concurrency, reporting each result as it comes. */
export async function cleanupWorkPlacements(
  platform: Platform,
  targets: readonly SlimWorkPlacement[],
  options: CleanupOptions,
  onResult: (r: CleanupItemResult) => void,
): Promise<Record<CleanupOutcome, number>> {
  const summary: Record<CleanupOutcome, number> = {
    deleted: 0,
    refused: 0,
    failed: 0,
  };
  // Each Promise read once, now: a selector change made before this request is seen even when
  // neither Kratix nor the watch has caught up (unreadable now: the cached Promise is used).
  const requestSlot = rateLimiter(options.ratePerSecond);
  const promisesAtStart = new Map<string, PromiseSelectors>();
  const promises = [...new Set(targets.map(t => t.promiseName))].filter(p =>
    options.allowedPromises.has(p),
  );
  await Promise.all(
    promises.map(async name => {
      try {
        await requestSlot();
        promisesAtStart.set(
          name,
          slimPromise(await platform.client.getPromise(name, options.as)),
        );
      } catch {
        // falls back to the cache
      }
    }),
  );
  await runBounded(
    targets,
    { concurrency: options.concurrency, signal: options.signal },
    async wp => {
      const r = await cleanupOne(
        platform,
        wp,
        options,
        promisesAtStart,
        requestSlot,
      );
      summary[r.outcome] += 1;
      onResult(r);
    },
  );
  return summary;
}
