import {
  KratixGeneration,
  SlimDestination,
  SlimWork,
  SlimWorkPlacement,
  WorkPlacementView,
  assessWorkPlacement,
  misplacedConditionSince,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KratixPlatformCache,
  nsKey,
} from '@kratix-backstage/plugin-kratix-node';

interface MemoizedView {
  work?: SlimWork;
  destination?: SlimDestination;
  generation: KratixGeneration;
  observedSince?: string;
  recreatedAfter?: string;
  view: WorkPlacementView;
}

/**
 * Views already built, per cached WorkPlacement object. The cache replaces an object on every
 * change (never mutates it), so a view stays valid while the WorkPlacement, its Work and its
 * Destination are the same objects: a misplaced list of thousands then costs lookups instead of
 * thousands of selector merges and matches per request (bench/README.md, misplaced list).
 */
const memo = new WeakMap<SlimWorkPlacement, MemoizedView>();

/**
 * A WorkPlacement as the API shows it: joined with its Work and Destination, misplacement assessed.
 * The result is shared between requests (frozen): never change it.
 */
export function workPlacementView(
  cache: KratixPlatformCache,
  wp: SlimWorkPlacement,
): WorkPlacementView {
  const work = wp.workName
    ? cache.works.get(nsKey(wp.namespace, wp.workName))
    : undefined;
  const destination = cache.destinations.get(wp.targetDestinationName);
  const generation = cache.generation;
  const observedSince = cache.misplacedObservedSince(wp.namespace, wp.name);
  const recreatedAfter = cache.recreatedAfterCleanup(
    wp.namespace,
    wp.name,
    wp.uid,
  );
  const m = memo.get(wp);
  if (
    m &&
    m.work === work &&
    m.destination === destination &&
    m.generation === generation &&
    m.observedSince === observedSince &&
    m.recreatedAfter === recreatedAfter
  ) {
    return m.view;
  }
  const view = Object.freeze({
    ...buildView(wp, work, destination, generation, observedSince),
    ...(recreatedAfter ? { recreatedAfterCleanupAt: recreatedAfter } : {}),
  });
  memo.set(wp, {
    work,
    destination,
    generation,
    observedSince,
    recreatedAfter,
    view,
  });
  return view;
}

function buildView(
  wp: SlimWorkPlacement,
  work: SlimWork | undefined,
  destination: SlimDestination | undefined,
  generation: KratixGeneration,
  observedSince: string | undefined,
): WorkPlacementView {
  const a = assessWorkPlacement(wp, work, destination, generation);
  return {
    namespace: wp.namespace,
    name: wp.name,
    uid: wp.uid,
    resourceVersion: wp.resourceVersion,
    promiseName: wp.promiseName,
    workName: wp.workName,
    workloadGroupId: wp.workloadGroupId,
    pipelineName: wp.pipelineName,
    resourceName: wp.resourceName,
    kind: a.kind,
    destination: wp.targetDestinationName,
    conditions: wp.conditions,
    versionID: wp.versionID,
    deleting: Boolean(wp.deletionTimestamp),
    createdAt: wp.creationTimestamp,
    misplaced: a.misplaced,
    misplacedLabel: a.label,
    misplacedSince: a.misplaced
      ? misplacedConditionSince(wp.conditions) ?? observedSince
      : undefined,
    destinationExists: a.destinationExists,
    destinationStillMatches: a.destinationStillMatches,
    labelIsStale: a.labelIsStale,
    reasons: a.reasons,
  };
}
