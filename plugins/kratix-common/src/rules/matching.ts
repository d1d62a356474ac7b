import { DRY_RUN_LABEL } from '../model/labels';
import { KratixGeneration } from '../model/kratixVersion';
import { Labels, SlimDestination } from '../model/objects';

/**
 * Why a Destination is not selected, one entry per failing rule or label.
 *
 * @public
 */
export type MismatchReason =
  | { type: 'missing-label'; key: string; expected: string }
  | { type: 'different-value'; key: string; expected: string; actual: string }
  /** Empty selector, and the Destination sets strictMatchLabels and has labels. */
  | { type: 'strict-match-labels' }
  /** The Destination has a deletionTimestamp (current generation only). */
  | { type: 'being-deleted' }
  /** The Destination is labelled kratix.io/dry-run=true (current generation only). */
  | { type: 'dry-run-destination' };

/** @public */
export interface MatchResult {
  matched: boolean;
  reasons: MismatchReason[];
}

/** @public */
export type MatchableDestination = Pick<
  SlimDestination,
  'labels' | 'strictMatchLabels' | 'deletionTimestamp'
>;

/** @public */
export interface MatchOptions {
  generation: KratixGeneration;
}

/**
 * Does Kratix schedule a workload group with this merged selector to this Destination?
 *
 * - Equality-based AND matching; a Destination may carry extra labels
 *   (ae170e22 internal/controller/scheduler.go:521 getDestinationsForWorkloadGroup;
 *   v0.125.0 controllers/scheduler.go:420-452).
 * - Empty selector: every Destination matches except those with `strictMatchLabels: true` and at
 *   least one label (api/v1alpha1/destination_types.go, StrictMatchLabels comment). strictMatchLabels
 *   has no effect when the selector is non-empty.
 * - Current generation only: Destinations being deleted are excluded, and so are Destinations
 *   labelled kratix.io/dry-run=true unless the selector itself asks for kratix.io/dry-run=true
 *   (the check reads the selector, not the Work: a dry-run Work is scheduled with that selector,
 *   see schedulingSelector). v0.125.0 has neither check (no Destination finalizer, no dry-run).
 * Readiness is never consulted: Kratix schedules to a Destination whose store is down.
 *
 * @public
 */
export function matchDestination(
  selector: Labels,
  destination: MatchableDestination,
  options: MatchOptions,
): MatchResult {
  const reasons: MismatchReason[] = [];
  const labels = destination.labels ?? {};
  if (options.generation === 'current') {
    if (destination.deletionTimestamp) reasons.push({ type: 'being-deleted' });
    if (
      selector[DRY_RUN_LABEL] !== 'true' &&
      labels[DRY_RUN_LABEL] === 'true'
    ) {
      reasons.push({ type: 'dry-run-destination' });
    }
  }
  const keys = Object.keys(selector);
  if (keys.length === 0) {
    if (destination.strictMatchLabels && Object.keys(labels).length > 0) {
      reasons.push({ type: 'strict-match-labels' });
    }
  } else {
    for (const key of keys) {
      const expected = selector[key];
      if (!(key in labels)) {
        reasons.push({ type: 'missing-label', key, expected });
      } else if (labels[key] !== expected) {
        reasons.push({
          type: 'different-value',
          key,
          expected,
          actual: labels[key],
        });
      }
    }
  }
  return { matched: reasons.length === 0, reasons };
}

/**
 * A sentence for one reason, for logs, API messages and the UI.
 *
 * @public
 */
export function describeMismatch(reason: MismatchReason): string {
  switch (reason.type) {
    case 'missing-label':
      return `label ${reason.key} is missing (selector wants ${reason.key}=${reason.expected})`;
    case 'different-value':
      return `label ${reason.key} is "${reason.actual}", selector wants "${reason.expected}"`;
    case 'strict-match-labels':
      return 'the selector is empty and the Destination sets strictMatchLabels';
    case 'being-deleted':
      return 'the Destination is being deleted';
    case 'dry-run-destination':
      return 'the Destination is labelled kratix.io/dry-run=true';
    default:
      return 'unknown reason';
  }
}
