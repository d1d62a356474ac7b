import {
  KratixGeneration,
  WhatIfTiming,
} from '@kratix-backstage/plugin-kratix-common';
/*
 * When Kratix shows the effect of a Destination change on a Work: at once, at the Work's next
 * requeue, or only on some later unrelated reconcile, by Kratix generation.
 */

// kratix ae170e22 internal/controller/work_controller.go:263
const CURRENT_TRIGGER = 'every Destination event enqueues all Works';
// kratix v0.125.0 controllers/destination_controller.go:84-99
const V125_DEPENDENCY_TRIGGER =
  'the Destination reconcile re-schedules all dependency Works after writing its canary files';
// kratix v0.125.0 controllers/destination_controller.go:59-64
const V125_DEPENDENCY_DEFERRED =
  'no Destination reconcile re-schedules dependency Works: a deleted Destination triggers nothing and no changed Destination has a state store to write its canary files to';
// docs/kratix-generations.md
const V125_RESOURCE_DEFERRED =
  "v0.125 does not re-schedule resource Works on Destination events: this shows on the Work's next own reconcile";
// kratix v0.125.0 controllers/work_controller.go:90-93
const V125_REQUEUE = 'an unscheduled resource Work retries every 15 s';

export type DestinationChangeTiming = (
  resource: boolean,
  schedulable?: boolean,
) => { when: WhatIfTiming; whenReason: string };

/**
 * v0.125: dependency Works are re-scheduled by the reconcile of a created/updated Destination,
 * after it wrote its canary files, which needs its state store (`dependencyTrigger`).
 */
export function destinationChangeTiming(
  generation: KratixGeneration,
  dependencyTrigger: boolean,
): DestinationChangeTiming {
  return (resource, schedulable = false) => {
    if (generation === 'current')
      return { when: 'immediate', whenReason: CURRENT_TRIGGER };
    if (resource) {
      return schedulable
        ? { when: 'next-requeue', whenReason: V125_REQUEUE }
        : { when: 'deferred', whenReason: V125_RESOURCE_DEFERRED };
    }
    return dependencyTrigger
      ? { when: 'immediate', whenReason: V125_DEPENDENCY_TRIGGER }
      : { when: 'deferred', whenReason: V125_DEPENDENCY_DEFERRED };
  };
}
