import {
  KratixGeneration,
  MergedSelectors,
  SlimDestination,
  SlimStateStore,
  SlimWorkPlacement,
  WhatIfSelectorView,
  WhatIfWorkPlacementRef,
} from '@kratix-backstage/plugin-kratix-common';
import { stateStoreOf } from './picture';
import { WhatIfResultBuilder } from './result';

export function wpRef(wp: SlimWorkPlacement): WhatIfWorkPlacementRef {
  return {
    namespace: wp.namespace,
    name: wp.name,
    destination: wp.targetDestinationName,
  };
}

export function selectorView(
  merged: MergedSelectors | null,
): WhatIfSelectorView | null {
  return merged
    ? { matchLabels: merged.matchLabels, sourceOf: merged.sourceOf }
    : null;
}

/** Names in `a` that are not in `b`. */
export function minus(a: readonly string[], b: ReadonlySet<string>): string[] {
  return a.filter(x => !b.has(x));
}

/** A short list for messages: "a, b, c and 4 more". */
export function shortList(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * Warn about Destinations that are about to receive workloads but cannot take them. Kratix never
 * consults readiness when scheduling (ae170e22 internal/controller/scheduler.go:521-556; v0.125.0
 * controllers/scheduler.go:420-452), so it schedules there anyway. Nor does its writer: a
 * WorkPlacement is written as soon as the Destination's state store is in the manager's repository
 * cache (ae170e22 internal/controller/workplacement_controller.go, Reconcile), whatever the
 * Destination's Ready condition says. v0.125.0 has no Destination or state-store status at all
 * (docs/kratix-v0.125.0.md §6.5): readiness is Unknown there and only a missing store can be seen.
 */
export function warnAboutTargets(
  b: WhatIfResultBuilder,
  targets: Iterable<SlimDestination>,
  stores: Map<string, SlimStateStore>,
  generation: KratixGeneration,
): void {
  for (const d of targets) {
    if (d.ready === 'False') {
      b.warn({
        code: 'destination-not-ready',
        destination: d.name,
        message: `Destination ${
          d.name
        } will receive workloads but is not Ready${
          d.readyReason
            ? ` (${d.readyReason}${
                d.readyMessage ? `: ${d.readyMessage}` : ''
              })`
            : ''
        }. ${notReadyConsequence(d.readyReason)}`,
      });
    }
    const store = stateStoreOf(d, stores);
    if (!store) {
      const ref = d.stateStoreRef;
      b.warn({
        code: 'state-store-missing',
        destination: d.name,
        message: ref
          ? `Destination ${d.name} will receive workloads but its state store ${
              ref.kind
            }/${ref.name} does not exist: its WorkPlacements cannot be written${
              generation === 'v0.125'
                ? ' (and at v0.125 a missing store blocks the Destination reconcile that re-schedules dependency Works)'
                : ''
            }.`
          : `Destination ${d.name} will receive workloads but has no stateStoreRef: nothing can be written for it.`,
      });
    } else if (store.ready === 'False') {
      b.warn({
        code: 'state-store-not-ready',
        destination: d.name,
        message: `Destination ${
          d.name
        } will receive workloads but its state store ${store.kind}/${
          store.name
        } is not Ready${
          store.readyReason ? ` (${store.readyReason})` : ''
        }: writes wait until it is.`,
      });
    }
  }
}

/*
 * What a not-Ready Destination means for its writes. The Destination controller reports
 * StateStoreNotFound / StateStoreNotReady when the store is not in the repository cache, and the
 * WorkPlacement writer requeues on that same cache miss; any other reason (a failed canary write,
 * a finalizer update) does not stop the writer from trying (ae170e22
 * internal/controller/destination_controller.go Reconcile; workplacement_controller.go Reconcile).
 */
const STORE_UNAVAILABLE_REASONS = new Set([
  'StateStoreNotFound',
  'StateStoreNotReady',
]);

/** The sentence after "… is not Ready (reason)": what Kratix will do with the Destination's workloads. */
export function notReadyConsequence(readyReason: string | undefined): string {
  return readyReason && STORE_UNAVAILABLE_REASONS.has(readyReason)
    ? 'Kratix schedules to it anyway; nothing is written until its state store is available.'
    : 'Kratix schedules to it anyway and does not wait for Ready: it keeps trying to write its WorkPlacements, which may fail the same way.';
}

// kratix v0.125.0 controllers/scheduler.go:427-432; ae170e22 internal/controller/scheduler.go:528-531
export function unparseableMessage(generation: KratixGeneration): string {
  return generation === 'v0.125'
    ? 'Kratix v0.125 cannot parse this selector and ignores it: the unfiltered list selects ALL Destinations (strictMatchLabels ones too), so dependencies go everywhere and resources to a random Destination among all.'
    : 'Kratix cannot parse this selector: every Work using it fails to schedule (ScheduleSucceeded=False, FailedToScheduleWorkloads) and its WorkPlacements are left as they are.';
}
