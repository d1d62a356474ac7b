import {
  SlimWorkPlacement,
  WorkPlacementView,
  assessWorkPlacement,
  misplacedConditionSince,
} from '@kratix-backstage/plugin-kratix-common';
import { PlatformCache, nsKey } from '@kratix-backstage/plugin-kratix-node';

/** A WorkPlacement as the API shows it: joined with its Work and Destination, misplacement assessed. */
export function workPlacementView(cache: PlatformCache, wp: SlimWorkPlacement): WorkPlacementView {
  const work = wp.workName ? cache.works.get(nsKey(wp.namespace, wp.workName)) : undefined;
  const destination = cache.destinations.get(wp.targetDestinationName);
  const a = assessWorkPlacement(wp, work, destination, cache.generation);
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
      ? misplacedConditionSince(wp.conditions) ?? cache.misplacedObservedSince(wp.namespace, wp.name)
      : undefined,
    destinationExists: a.destinationExists,
    destinationStillMatches: a.destinationStillMatches,
    labelIsStale: a.labelIsStale,
    reasons: a.reasons,
  };
}
