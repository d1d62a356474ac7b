/*
 * The first steps of a fidelity scenario: its Destinations and a new Promise (predicted by the
 * engine as a change of an empty Promise), then optionally a resource Work placed on one
 * Destination, each compared with what the real Kratix does.
 */
import { aPromise } from '@kratix-backstage/plugin-kratix-common/testUtils';
import {
  applyPromise,
  createResourceWork,
} from '@kratix-backstage/test-platform';
import { expectedState, groupsOf, workKeyOf } from '../compare';
import { effectRules, resourceRules, selectorRules } from '../coverage';
import { resourceWorkSelectors } from '../scenario';
import { promiseManifest } from './manifests';
import { Ctx, PhaseResult, StepResult } from './results';
import {
  RESOURCE_NAMESPACE,
  StepKit,
  createDestinations,
  nudge,
  resourceMatches,
  stepResult,
} from './stepKit';
import { awaitWorkflowWork, createResourceRequest } from './workflowResource';
import {
  WhatIfPicture,
  whatIfPromiseChange,
} from '@kratix-backstage/plugin-kratix-node';

/** Destinations, then the Promise: the engine's prediction for a new Promise against Kratix. */
export async function setupStep(kit: StepKit, ctx: Ctx): Promise<StepResult> {
  const { plan } = ctx;
  const { observer } = kit;
  const t0 = Date.now();
  await createDestinations(ctx, plan.destinations);
  // A Destination without its store is never reconciled to the end: no canary files to wait for.
  await observer.waitLive(
    plan.destinations.filter(d => !d.storeMissing).map(d => d.name),
  );
  const t1 = Date.now();
  await observer.catchUp(ctx);
  kit.log(`    Destinations live ${t1 - t0}ms, cache ${Date.now() - t1}ms`);

  // The engine has no "new Promise" entry: predict it as a change of an empty Promise that
  // gets its dependencies (the static-dependency Work is created with the squashed selectors).
  const cache = kit.backend.cache;
  const empty = aPromise(plan.promise, [], {
    uid: '',
    resourceVersion: '',
    dependencyCount: 0,
  });
  const picture: WhatIfPicture = {
    generation: cache.generation,
    promises: [...cache.promises.all(), empty],
    destinations: cache.destinations.all(),
    works: cache.works.all(),
    workPlacements: cache.workPlacements.all(),
    stateStores: cache.stateStores.all(),
    resourceRequests: { [plan.promise]: 0 },
  };
  const response = whatIfPromiseChange(
    picture,
    plan.promise,
    {
      destinationSelectors: ctx.selectors,
      dependencyCount: 1,
      dependenciesChanged: true,
      specChanged: true,
      promiseConfigure: [],
    },
    { maxGroupDetails: 100_000 },
  );
  await applyPromise(promiseManifest(ctx, ctx.selectors));
  const phases: PhaseResult[] = [];
  const expect = (phase: 1 | 2) =>
    expectedState({ promise: plan.promise, before: [], response, phase });
  phases.push(await observer.settle(ctx, expect(1)));
  await nudge(ctx);
  phases.push(await observer.settle(ctx, expect(2)));
  const rules = selectorRules(ctx.selectors, [...ctx.live.values()]);
  rules.add('create');
  for (const r of effectRules(groupsOf(response, plan.promise))) rules.add(r);
  return stepResult(kit, 0, 'create Promise', phases, rules, []);
}

/**
 * A resource Work matching exactly one Destination: it lands there. From a real resource workflow
 * where the platform runs them (its selectors are then compared too: the engine's model of the
 * work-creator), otherwise written like pipeline output.
 */
export async function resourceSetupStep(
  kit: StepKit,
  ctx: Ctx,
): Promise<StepResult> {
  const { plan } = ctx;
  const res = plan.resource!;
  await kit.observer.catchUp(ctx);
  const before = kit.observer.cacheViews(ctx);
  const selectors = resourceWorkSelectors(res.workflowSelector, ctx.selectors);
  const phases: PhaseResult[] = [];
  if (ctx.workflowResource) {
    await createResourceRequest(ctx);
    phases.push(
      await awaitWorkflowWork(ctx, selectors, 'workflow wrote the Work'),
    );
    if (!phases[0].ok) {
      return stepResult(
        kit,
        0,
        `resource request -> workflow -> Work -> ${res.destination}`,
        phases,
        new Set(['resource-work', 'resource-workflow-ran']),
        [],
      );
    }
  } else {
    await createWrittenResourceWork(ctx, selectors);
  }
  const expected = [
    ...before,
    { workKey: workKeyOf(res), destination: res.destination, misplaced: false },
  ];
  phases.push(
    await kit.observer.settle(
      ctx,
      expectedState({
        promise: plan.promise,
        before: expected,
        response: null,
        phase: 1,
        resourceMatches: resourceMatches(ctx, selectors),
      }),
    ),
  );
  const rules = resourceRules(res.workflowSelector, ctx.selectors);
  rules.add('resource-work');
  if (ctx.workflowResource) rules.add('resource-workflow-ran');
  return stepResult(
    kit,
    0,
    `${
      ctx.workflowResource ? 'resource request -> workflow -> ' : ''
    }resource Work -> ${res.destination}`,
    phases,
    rules,
    [],
  );
}

/** The resource Work as the work-creator would write it (no workflows on this platform). */
async function createWrittenResourceWork(
  ctx: Ctx,
  selectors: ReturnType<typeof resourceWorkSelectors>,
): Promise<void> {
  const { plan } = ctx;
  const res = plan.resource!;
  const name = `${plan.promise}-${res.resourceName}-w0rk1`;
  await createResourceWork({
    name,
    namespace: RESOURCE_NAMESPACE,
    promise: plan.promise,
    resource: res.resourceName,
    selectors,
    files: [
      {
        filepath: 'resource.yaml',
        content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${plan.promise}-${res.resourceName}\n  namespace: default\ndata:\n  seed: "${plan.seed}"\n`,
      },
    ],
  });
  ctx.resourceWorkName = name;
  ctx.resourceSelectors = selectors;
}
