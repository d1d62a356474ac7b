/*
 * Runs fidelity scenarios against the REAL Kratix manager on the local platform: for every change
 * the backend's what-if (HTTP preview routes, computed from the backend cache) predicts, the runner
 * applies the change to the cluster, waits until Kratix settles and compares the Promise's
 * WorkPlacements and misplaced labels with the prediction (see ../compare.ts for the phases).
 * The steps live in setupSteps.ts and changeSteps.ts, the watching in observation.ts, the
 * clean-up in teardown.ts.
 */
import {
  KratixTestBackend,
  platformRunsWorkflows,
} from '@kratix-backstage/test-platform';
import { Rule } from '../coverage';
import { ScenarioPlan, describePlan } from '../scenario';
import { changeStep } from './changeSteps';
import { ScenarioObserver } from './observation';
import {
  Ctx,
  PlatformError,
  RunnerOptions,
  ScenarioResult,
  StepResult,
} from './results';
import { resourceSetupStep, setupStep } from './setupSteps';
import { StepKit } from './stepKit';
import { tearDownScenario } from './teardown';

export type {
  PhaseResult,
  RunnerOptions,
  ScenarioResult,
  StepResult,
} from './results';
export { PlatformError } from './results';

export class FidelityRunner {
  private readonly kit: StepKit;
  private readonly realWorkflows: boolean;

  constructor(backend: KratixTestBackend, options: RunnerOptions = {}) {
    const observer = new ScenarioObserver(
      backend.cache,
      options.stableMs ?? 1000,
      options.settleTimeoutMs ?? 90_000,
    );
    this.kit = { backend, observer, log: options.log ?? (() => {}) };
    this.realWorkflows =
      options.realWorkflows ??
      (platformRunsWorkflows() &&
        process.env.KRATIX_FIDELITY_WORKFLOWS !== '0');
  }

  async run(plan: ScenarioPlan): Promise<ScenarioResult> {
    const started = Date.now();
    const ctx: Ctx = {
      plan,
      live: new Map(),
      created: new Set(),
      selectors: plan.selectors,
      workflowResource: this.realWorkflows && !!plan.resource,
      nudges: 0,
      notes: [],
    };
    const steps: StepResult[] = [];
    let error: string | undefined;
    let platformError = false;
    let cleanupError: string | undefined;
    let leaked: string[] = [];
    try {
      const record = (s: StepResult) => {
        steps.push(s);
        // Kratix placed (as predicted) workloads on a Destination that is not Ready.
        if (s.ok && placedOnStoreMissing(this.kit, ctx))
          s.rules.push('destination-not-ready');
      };
      record(await setupStep(this.kit, ctx));
      if (plan.resource) record(await resourceSetupStep(this.kit, ctx));
      for (const [i, step] of plan.steps.entries()) {
        record(await changeStep(this.kit, ctx, i + 1, step));
      }
    } catch (e) {
      error = e instanceof Error ? e.stack ?? e.message : String(e);
      platformError = e instanceof PlatformError;
    } finally {
      const cleanupStart = Date.now();
      try {
        leaked = await tearDownScenario(ctx, this.kit.observer);
        this.kit.log(`    cleanup ${Date.now() - cleanupStart}ms`);
      } catch (e) {
        // Says nothing about the predictions: reported, not counted as a disagreement.
        cleanupError = e instanceof Error ? e.message : String(e);
        ctx.notes.push(`cleanup failed: ${cleanupError}`);
      }
    }
    const rules = new Set<Rule>();
    for (const s of steps) for (const r of s.rules) rules.add(r);
    const ok = !error && steps.every(s => s.ok);
    const phases = steps.flatMap(s => s.phases);
    const inconclusive =
      !ok &&
      (!error || platformError) &&
      phases.every(p => p.ok || p.inconclusive);
    return {
      seed: plan.seed,
      token: plan.token,
      plan: describePlan(plan),
      steps,
      rules: [...rules],
      ok,
      inconclusive,
      error,
      cleanupError,
      notes: ctx.notes,
      leaked,
      durationMs: Date.now() - started,
    };
  }
}

/** A WorkPlacement of the scenario's Promise sits on a live Destination whose store is missing. */
function placedOnStoreMissing(kit: StepKit, ctx: Ctx): boolean {
  return kit.observer
    .cacheViews(ctx)
    .some(wp => !wp.misplaced && ctx.live.get(wp.destination)?.storeMissing);
}
