import { KratixGeneration } from '../model/kratixVersion';
import { Labels, SlimPromise } from '../model/objects';
import { MatchableDestination, matchDestination } from './matching';
import { squashPromiseScheduling } from './selectors';

/**
 * The selector Kratix schedules a Promise's own workloads with: its `spec.destinationSelectors`
 * squashed (first entry wins on a key conflict; see squashPromiseScheduling).
 *
 * @public
 */
export function promiseSelector(
  promise: Pick<SlimPromise, 'destinationSelectors'>,
): Labels {
  return squashPromiseScheduling(promise.destinationSelectors).matchLabels;
}

/**
 * Names of the Destinations a Promise targets today, sorted (code-unit order): those its squashed
 * selector matches under the Kratix rules of the platform's generation (see matchDestination: AND
 * matching; an empty selector matches all but strictMatchLabels Destinations; current Kratix skips
 * Destinations being deleted and dry-run ones).
 *
 * @public
 */
export function targetedDestinations(
  promise: Pick<SlimPromise, 'destinationSelectors'>,
  destinations: ReadonlyArray<MatchableDestination & { name: string }>,
  generation: KratixGeneration,
): string[] {
  return matchingDestinationNames(
    destinations,
    promiseSelector(promise),
    generation,
  );
}

/**
 * Names of the Destinations a scheduling selector matches, sorted (code-unit order), under the
 * Kratix rules of the platform's generation (see matchDestination).
 *
 * @public
 */
export function matchingDestinationNames(
  destinations: ReadonlyArray<MatchableDestination & { name: string }>,
  matchLabels: Labels,
  generation: KratixGeneration,
): string[] {
  return destinations
    .filter(d => matchDestination(matchLabels, d, { generation }).matched)
    .map(d => d.name)
    .sort();
}
