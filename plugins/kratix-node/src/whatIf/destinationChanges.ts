import {
  labelMapProblems,
  SlimDestination,
  WhatIfDestinationEffect,
  WhatIfDestinationsRequest,
  WhatIfWarning,
} from '@kratix-backstage/plugin-kratix-common';
/*
 * The Destination picture after a what-if request: which Destinations are removed, relabelled or
 * added (with the warnings the API server would answer for bad labels or names), and the map of
 * Destinations as they would be afterwards.
 */
import { jsonEqual } from './picture';

export interface ChangedDestination {
  name: string;
  change: WhatIfDestinationEffect['change'];
  before?: SlimDestination;
  after?: SlimDestination;
  effect: WhatIfDestinationEffect;
}

export interface DestinationChanges {
  /** Every Destination by name as it would be after the request. */
  after: Map<string, SlimDestination>;
  /** The Destinations the request really changes (no-op relabels and unknown names left out). */
  changed: Map<string, ChangedDestination>;
}

/** Applies a what-if request to the current Destinations, warning about what the API server would refuse. */
export function applyDestinationRequest(
  destinations: readonly SlimDestination[],
  request: WhatIfDestinationsRequest,
  warn: (warning: WhatIfWarning) => void,
): DestinationChanges {
  const before = new Map(destinations.map(d => [d.name, d] as const));
  const after = new Map(before);
  const changed = new Map<string, ChangedDestination>();
  for (const c of request.changes ?? []) {
    const old = before.get(c.name);
    if (!old) {
      warn({
        code: 'unknown-destination',
        destination: c.name,
        message: `Destination ${c.name} does not exist; its change is ignored.`,
      });
      continue;
    }
    if (c.remove) {
      after.delete(c.name);
      changed.set(c.name, {
        name: c.name,
        change: 'remove',
        before: old,
        effect: {
          name: c.name,
          change: 'remove',
          labelsBefore: old.labels,
          groupsGained: 0,
          groupsLost: 0,
        },
      });
      continue;
    }
    if (!c.labels) continue;
    for (const problem of labelMapProblems(c.labels)) {
      warn({
        code: 'invalid-destination-label',
        destination: c.name,
        message: `Destination ${c.name}: ${problem}; the API server rejects this change.`,
      });
    }
    if (jsonEqual(old.labels ?? {}, c.labels)) continue;
    const next: SlimDestination = { ...old, labels: { ...c.labels } };
    after.set(c.name, next);
    changed.set(c.name, {
      name: c.name,
      change: 'relabel',
      before: old,
      after: next,
      effect: {
        name: c.name,
        change: 'relabel',
        labelsBefore: old.labels,
        labelsAfter: next.labels,
        groupsGained: 0,
        groupsLost: 0,
      },
    });
  }
  for (const a of request.add ?? []) {
    if (after.has(a.name) || changed.has(a.name)) {
      warn({
        code: 'destination-exists',
        destination: a.name,
        message: `Destination ${a.name} already exists; it is not added again.`,
      });
      continue;
    }
    for (const problem of labelMapProblems(a.labels ?? {})) {
      warn({
        code: 'invalid-destination-label',
        destination: a.name,
        message: `Destination ${a.name}: ${problem}; the API server rejects it.`,
      });
    }
    const next: SlimDestination = {
      name: a.name,
      uid: '',
      resourceVersion: '',
      labels: { ...(a.labels ?? {}) },
      strictMatchLabels: a.strictMatchLabels === true,
      stateStoreRef: a.stateStoreRef,
      ready: 'Unknown',
    };
    after.set(a.name, next);
    changed.set(a.name, {
      name: a.name,
      change: 'add',
      after: next,
      effect: {
        name: a.name,
        change: 'add',
        labelsAfter: next.labels,
        groupsGained: 0,
        groupsLost: 0,
      },
    });
  }
  return { after, changed };
}
