/*
 * The change steps of a fidelity scenario: a Promise selector change, or Destinations deleted,
 * relabelled and added. Each asks the backend's preview first, applies the change to the real
 * platform and compares what Kratix does with the prediction, phase by phase.
 */
import {
  DestinationSelectorEntry,
  WhatIfDestinationsRequest,
} from '@kratix-backstage/plugin-kratix-common';
import {
  applyPromise,
  awaitDestinationsGone,
  deleteDestination,
  listWorkPlacements,
  platformGeneration,
  updateKratixObject,
} from '@kratix-backstage/test-platform';
import { expectedState, groupsOf } from '../compare';
import { Rule, effectRules, resourceRules, selectorRules } from '../coverage';
import { PlannedStep, attributes, resourceWorkSelectors } from '../scenario';
import { promiseManifest } from './manifests';
import { awaitWorkflowWork } from './workflowResource';
import { Ctx, PhaseResult, StepResult } from './results';
import {
  RESOURCE_NAMESPACE,
  StepKit,
  createDestinations,
  nudge,
  preview,
  resourceMatches,
  stateStoreRefOf,
  stepResult,
} from './stepKit';

export async function changeStep(
  kit: StepKit,
  ctx: Ctx,
  index: number,
  step: PlannedStep,
): Promise<StepResult> {
  return step.kind === 'promise'
    ? promiseStep(kit, ctx, index, step.selectors)
    : destinationStep(kit, ctx, index, step);
}

async function promiseStep(
  kit: StepKit,
  ctx: Ctx,
  index: number,
  selectors: DestinationSelectorEntry[],
): Promise<StepResult> {
  const { plan } = ctx;
  const { observer } = kit;
  await observer.catchUp(ctx);
  const before = observer.cacheViews(ctx);
  const manifest = promiseManifest(ctx, selectors);
  const response = await preview(kit, `promises/${plan.promise}/preview`, {
    spec: manifest.spec,
  });
  await applyPromise(manifest);
  const oldSelectors = ctx.selectors;
  ctx.selectors = selectors;

  // Where the resource workflow really runs, Kratix re-runs it as soon as the Promise changes.
  const running = ctx.workflowResource;
  const input = {
    promise: plan.promise,
    before,
    response,
    workflowRunning: running,
  };
  const rewritten = plan.resource
    ? resourceWorkSelectors(plan.resource.workflowSelector, selectors)
    : undefined;
  const phases: PhaseResult[] = [];
  // While it may be re-running, a label from either selector set can show (#486 tolerance).
  const current = running
    ? mergeMatches(
        resourceMatches(ctx, ctx.resourceSelectors),
        resourceMatches(ctx, rewritten),
      )
    : resourceMatches(ctx, ctx.resourceSelectors);
  phases.push(
    await observer.settle(
      ctx,
      expectedState({ ...input, phase: 1, resourceMatches: current }),
    ),
  );
  await nudge(ctx);
  phases.push(
    await observer.settle(
      ctx,
      expectedState({ ...input, phase: 2, resourceMatches: current }),
    ),
  );
  const rules = new Set<Rule>([
    'promise-selector-change',
    ...selectorRules(oldSelectors, [...ctx.live.values()]),
    ...selectorRules(selectors, [...ctx.live.values()]),
    ...effectRules(groupsOf(response, plan.promise)),
  ]);
  if (plan.resource && ctx.resourceWorkName && rewritten) {
    if (running) {
      // The work-creator rewrites the Work with the new Promise selectors.
      const rerun = await awaitWorkflowWork(
        ctx,
        rewritten,
        'workflow rewrote the Work',
      );
      phases.push(rerun);
      if (rerun.ok) rules.add('resource-workflow-ran');
    } else {
      // No Job runs on this platform: the runner writes the Work the way the work-creator would.
      await updateKratixObject(
        {
          plural: 'works',
          name: ctx.resourceWorkName,
          namespace: RESOURCE_NAMESPACE,
        },
        obj => {
          obj.spec.workloadGroups[0].destinationSelectors = rewritten;
        },
      );
      ctx.resourceSelectors = rewritten;
    }
    if (phases.every(p => p.ok))
      phases.push(
        await observer.settle(
          ctx,
          expectedState({
            ...input,
            phase: 3,
            resourceMatches: resourceMatches(ctx, rewritten),
          }),
        ),
      );
    for (const r of resourceRules(plan.resource.workflowSelector, selectors))
      rules.add(r);
  }
  return stepResult(
    kit,
    index,
    `Promise selectors ${JSON.stringify(selectors.map(s => s.matchLabels))}`,
    phases,
    rules,
    [],
  );
}

/** Per resource work key, the Destinations either selector set matches. */
function mergeMatches(
  a: Map<string, string[]>,
  b: Map<string, string[]>,
): Map<string, string[]> {
  const out = new Map(a);
  for (const [k, v] of b)
    out.set(k, [...new Set([...(out.get(k) ?? []), ...v])].sort());
  return out;
}

/** How long a step waits for removed cleanup: all Destinations to finish deleting. */
const DESTINATION_DELETION_WAIT_MS = 300_000;

async function destinationStep(
  kit: StepKit,
  ctx: Ctx,
  index: number,
  step: Extract<PlannedStep, { kind: 'destinations' }>,
): Promise<StepResult> {
  const { plan } = ctx;
  const { observer } = kit;
  const notes: string[] = [];
  await observer.catchUp(ctx);
  // Never delete a Destination under another Promise's WorkPlacements (an empty-selector Promise
  // of another test): at v0.125 they could never finish deleting (#382).
  const all = await listWorkPlacements();
  const remove = step.remove.filter(name => {
    const foreign = all.filter(
      wp =>
        wp.spec?.targetDestinationName === name &&
        wp.spec?.promiseName !== plan.promise,
    );
    if (foreign.length > 0) {
      notes.push(
        `kept ${name}: WorkPlacements of other Promises on it (${foreign
          .map(wp => wp.spec.promiseName)
          .join(', ')})`,
      );
      return false;
    }
    return ctx.live.has(name);
  });
  const relabel = step.relabel.filter(r => ctx.live.has(r.name));
  const add = step.add;
  if (remove.length + relabel.length + add.length === 0) {
    return stepResult(
      kit,
      index,
      'nothing left to change',
      [],
      new Set(),
      notes,
    );
  }
  const before = observer.cacheViews(ctx);
  const body: WhatIfDestinationsRequest = {
    changes: [
      ...remove.map(name => ({ name, remove: true })),
      ...relabel.map(r => ({ name: r.name, labels: r.labels })),
    ],
    add: add.map(d => ({
      name: d.name,
      labels: d.labels,
      strictMatchLabels: d.strictMatchLabels,
      stateStoreRef: stateStoreRefOf(ctx, d),
    })),
  };
  const response = await preview(kit, 'destinations/preview', body);
  const liveBefore = [...ctx.live.values()];

  // Removals first, then relabels, then additions: the reconcile of a relabelled or added
  // Destination then sees the removals (the engine's "immediate" for a mixed request).
  for (const name of remove) {
    await deleteDestination(name);
    ctx.live.delete(name);
  }
  // On current Kratix a cleanup: all Destination deletes its WorkPlacements and stays until they
  // are gone; the scheduler can re-create a dependency WorkPlacement meanwhile, which the Destination
  // reconcile deletes again on its next requeue (15 s; docs/kratix-generations.md, item 13). The
  // engine predicts the end state, so the step compares once those Destinations are gone.
  const cleaning = remove.filter(name => {
    const d = liveBefore.find(l => l.name === name);
    return d?.cleanupAll && !d.storeMissing;
  });
  if (cleaning.length && platformGeneration() === 'current') {
    const tookMs = await awaitDestinationsGone(
      cleaning,
      DESTINATION_DELETION_WAIT_MS,
    );
    notes.push(
      tookMs === undefined
        ? `${cleaning.join(', ')} (cleanup: all) still in deletion after ${
            DESTINATION_DELETION_WAIT_MS / 1000
          } s`
        : `${cleaning.join(', ')} (cleanup: all) gone after ${Math.round(
            tookMs / 1000,
          )} s`,
    );
  }
  for (const r of relabel) {
    await updateKratixObject({ plural: 'destinations', name: r.name }, obj => {
      obj.metadata.labels = { ...r.labels };
    });
    ctx.live.get(r.name)!.labels = { ...r.labels };
  }
  await createDestinations(ctx, add);

  const input = { promise: plan.promise, before, response };
  const matches = resourceMatches(ctx, ctx.resourceSelectors);
  const phases: PhaseResult[] = [];
  phases.push(
    await observer.settle(
      ctx,
      expectedState({ ...input, phase: 1, resourceMatches: matches }),
    ),
  );
  await nudge(ctx);
  phases.push(
    await observer.settle(
      ctx,
      expectedState({ ...input, phase: 2, resourceMatches: matches }),
    ),
  );

  const rules = new Set<Rule>([
    ...selectorRules(ctx.selectors, liveBefore),
    ...selectorRules(ctx.selectors, [...ctx.live.values()]),
    ...effectRules(groupsOf(response, plan.promise)),
  ]);
  if (add.length) rules.add('destination-added');
  if (relabel.length) rules.add('destination-relabelled');
  if (remove.some(name => before.some(wp => wp.destination === name)))
    rules.add('destination-deleted');
  if (
    remove.some(
      name =>
        liveBefore.find(d => d.name === name)?.cleanupAll &&
        before.some(wp => wp.destination === name),
    )
  )
    rules.add('destination-deleted-cleanup-all');
  const parts = [
    ...remove.map(n => `delete ${n}`),
    ...relabel.map(r => `relabel ${r.name} ${JSON.stringify(r.labels)}`),
    ...add.map(
      d => `add ${d.name} ${JSON.stringify(d.labels)}${attributes(d)}`,
    ),
  ];
  return stepResult(kit, index, parts.join('; '), phases, rules, notes);
}
