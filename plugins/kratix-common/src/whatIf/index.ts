/*
 * The scheduling what-if engine (issue 8): what Kratix would do after a Promise spec change or a
 * Destination label change, computed from the cache without touching any cluster.
 */
export type { ProposedPromiseSpec, WhatIfOptions, WhatIfPicture } from './types';
export { whatIfPromiseChange } from './promiseWhatIf';
export { whatIfDestinationChange } from './destinationsWhatIf';
export { renderWhatIfMarkdown } from './markdown';
export {
  DEFAULT_WORKLOAD_GROUP_ID,
  destinationSelectorsOf,
  proposedPromiseFromSpec,
  whatIfWorkKind,
} from './picture';
export {
  DestinationMatcher,
  scheduleSelector,
  schedulesTo,
  selectorParseProblem,
  unparseableSelectorOutcome,
} from './schedule';
export type { MatchSet, ScheduleSelector, UnparseableOutcome } from './schedule';
