import {
  KratixGeneration,
  Labels,
  MatchableDestination,
  SlimPromise,
  matchDestination,
  squashPromiseScheduling,
} from '@kratix-backstage/plugin-kratix-common';

/**
 * The selector Kratix schedules a Promise's own workloads with: its `spec.destinationSelectors`
 * squashed (first entry wins on a key conflict).
 */
export function promiseSelector(
  promise: Pick<SlimPromise, 'destinationSelectors'>,
): Labels {
  return squashPromiseScheduling(promise.destinationSelectors).matchLabels;
}

/** Does a Promise with this (squashed) selector target the Destination today? */
export function targets(
  selector: Labels,
  destination: MatchableDestination,
  generation: KratixGeneration,
): boolean {
  return matchDestination(selector, destination, { generation }).matched;
}

/**
 * Names of the Destinations the Promise targets today, sorted: those its squashed selector matches
 * under the Kratix rules of the platform's generation (AND matching; an empty selector matches all
 * but strictMatchLabels Destinations; current Kratix skips Destinations being deleted and dry-run
 * ones).
 */
export function targetedDestinations(
  promise: Pick<SlimPromise, 'destinationSelectors'>,
  destinations: ReadonlyArray<MatchableDestination & { name: string }>,
  generation: KratixGeneration,
): string[] {
  const selector = promiseSelector(promise);
  return destinations
    .filter(d => targets(selector, d, generation))
    .map(d => d.name)
    .sort();
}
