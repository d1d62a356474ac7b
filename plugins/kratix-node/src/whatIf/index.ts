/*
 * The scheduling what-if engine: what Kratix would do after a Promise spec change or a
 * Destination label change, computed from the cache without touching any cluster. Only the
 * backend runs it; the answer's types (WhatIfResponse, ...) are the API types in -common.
 */
export type {
  ProposedPromiseSpec,
  WhatIfOptions,
  WhatIfPicture,
} from './types';
export { whatIfPromiseChange } from './promiseWhatIf';
export { whatIfDestinationChange } from './destinationsWhatIf';
export { proposedPromiseFromSpec } from './picture';
