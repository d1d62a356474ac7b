/**
 * Builders of slim Kratix objects for the unit tests of the Kratix plugins and of adopters' code
 * built on them.
 *
 * @packageDocumentation
 */
export {
  aPromise,
  aDestination,
  aStateStore,
  aWork,
  aWorkPlacement,
  DEFAULT_GROUP_ID,
} from './fixtures';
export type {
  Condition,
  Labels,
  ObjectMeta,
  Readiness,
  SlimDestination,
  SlimPromise,
  SlimStateStore,
  SlimWork,
  SlimWorkloadGroup,
  SlimWorkPlacement,
  StateStoreRef,
  WorkloadGroupSelector,
} from '../model/objects';
