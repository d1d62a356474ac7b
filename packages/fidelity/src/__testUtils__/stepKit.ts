/*
 * What every fidelity step uses: the backend under test, the observer, and the small actions the
 * steps share (create Destinations, nudge the Works, ask the backend's preview, report a step).
 */
import {
  WhatIfResponse,
  WorkloadGroupSelector,
  mergeWorkloadGroupSelectors,
} from '@kratix-backstage/plugin-kratix-common';
import {
  createDestination,
  KratixTestBackend,
  listWorks,
  updateKratixObject,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import { workKeyOf } from '../compare';
import { Rule } from '../coverage';
import { PlannedDestination, plannedMatches } from '../scenario';
import { ANNOTATION } from './manifests';
import { ScenarioObserver } from './observation';
import { Ctx, PhaseResult, StepResult } from './results';

export const STATE_STORE_REF = { kind: 'GitStateStore', name: 'local' };
export const RESOURCE_NAMESPACE = 'default';

export interface StepKit {
  backend: KratixTestBackend;
  observer: ScenarioObserver;
  log: (line: string) => void;
}

/** The GitStateStore a `storeMissing` Destination names: it exists only during the teardown. */
export function missingStoreName(ctx: Ctx): string {
  return `${ctx.plan.token}-no-store`;
}

/** The stateStoreRef a planned Destination is created (and previewed) with. */
export function stateStoreRefOf(
  ctx: Ctx,
  d: PlannedDestination,
): { kind: string; name: string } {
  return d.storeMissing
    ? { kind: 'GitStateStore', name: missingStoreName(ctx) }
    : STATE_STORE_REF;
}

export async function createDestinations(
  ctx: Ctx,
  list: PlannedDestination[],
): Promise<void> {
  for (const d of list) {
    ctx.created.add(d.name);
    await createDestination(d.name, d.labels, {
      strictMatchLabels: d.strictMatchLabels,
      stateStoreRef: stateStoreRefOf(ctx, d),
      ...(d.cleanupAll ? { cleanup: 'all' } : {}),
    });
    ctx.live.set(d.name, { ...d, labels: { ...d.labels } });
  }
}

/** Triggers a reconcile of every Work of the Promise (an annotation change). */
export async function nudge(ctx: Ctx): Promise<void> {
  const works = (
    await listWorks(`kratix.io/promise-name=${ctx.plan.promise}`)
  ).filter(w => !w.metadata.deletionTimestamp);
  ctx.nudges++;
  for (const w of works) {
    await updateKratixObject(
      {
        plural: 'works',
        name: w.metadata.name,
        namespace: w.metadata.namespace,
      },
      obj => {
        obj.metadata.annotations = {
          ...(obj.metadata.annotations ?? {}),
          [`${ANNOTATION}/nudge`]: String(ctx.nudges),
        };
      },
    );
  }
}

/** The backend's prediction, through its HTTP preview route (as the UI asks for it). */
export async function preview(
  kit: StepKit,
  path: string,
  body: unknown,
): Promise<WhatIfResponse> {
  const res = await request(kit.backend.server)
    .post(`/api/kratix/platforms/local/${path}`)
    .send(body as object);
  if (res.status !== 200) {
    throw new Error(
      `preview ${path} answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
  const response = res.body as WhatIfResponse;
  if (response.groupsOmitted > 0) {
    throw new Error(
      `preview ${path} left out ${response.groupsOmitted} groups`,
    );
  }
  return response;
}

/** Destinations (scenario ones) the resource Work's selector matches, for the #486 tolerance. */
export function resourceMatches(
  ctx: Ctx,
  selectors: WorkloadGroupSelector[] | undefined,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!ctx.plan.resource || !selectors) return out;
  const merged = mergeWorkloadGroupSelectors(selectors).matchLabels;
  out.set(
    workKeyOf({ resourceName: ctx.plan.resource.resourceName }),
    plannedMatches(merged, ctx.live.values()),
  );
  return out;
}

export function stepResult(
  kit: StepKit,
  index: number,
  label: string,
  phases: PhaseResult[],
  rules: Set<Rule>,
  notes: string[],
): StepResult {
  const ok = phases.every(p => p.ok);
  kit.log(
    `    step ${index} ${ok ? 'ok' : 'DISAGREES'}: ${label} [${phases
      .map(p => `${p.name} ${p.ok ? 'ok' : 'FAIL'} ${p.ms}ms`)
      .join(', ')}]`,
  );
  for (const p of phases)
    for (const d of p.diffs) kit.log(`      ${p.name}: ${d}`);
  return { index, label, phases, rules: [...rules], ok, notes };
}
