/*
 * Runs fidelity scenarios against the REAL Kratix manager on the local platform: for every change
 * the backend's what-if (HTTP preview routes, computed from the backend cache) predicts, the runner
 * applies the change to the cluster, waits until Kratix settles and compares the Promise's
 * WorkPlacements and misplaced labels with the prediction (see ../compare.ts for the phases).
 */
import {
  DestinationSelectorEntry,
  SlimPromise,
  WhatIfDestinationsRequest,
  WhatIfPicture,
  WhatIfResponse,
  WorkloadGroupSelector,
  DEFAULT_WORKLOAD_GROUP_ID,
  mergeWorkloadGroupSelectors,
  misplacementLabelOf,
  whatIfPromiseChange,
} from '@kratix-backstage/plugin-kratix-common';
import {
  KRATIX,
  applyPromise,
  createDestination,
  customObjects,
  deleteDestination,
  isMisplaced,
  listWorkPlacements,
  listWorks,
  updateKratixObject as updateObject,
  stateStoreFiles,
  waitFor,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import { PlatformTestBackend } from '../../__testUtils__/platformTestBackend';
import { kratixLogSize, stateStoreFailures } from './kratixLog';
import { ANNOTATION, promiseManifest } from './manifests';
import { Ctx, PhaseResult, PlatformError, RunnerOptions, ScenarioResult, StepResult } from './results';

export type { PhaseResult, RunnerOptions, ScenarioResult, StepResult } from './results';
export { PlatformError } from './results';
import {
  Comparison,
  Expectation,
  PHASE_NAMES,
  WpView,
  compareState,
  expectedState,
  groupsOf,
  workKeyOf,
} from '../compare';
import { Rule, effectRules, resourceRules, selectorRules } from '../coverage';
import {
  PlannedDestination,
  PlannedStep,
  ScenarioPlan,
  describePlan,
  plannedMatches,
  resourceWorkSelectors,
} from '../scenario';

/** The platform's own Destinations (dev/platform): never modified, compared in empty-selector scenarios. */
export const BASE_DESTINATIONS = ['dev-1', 'dev-2', 'prod-1'];
const STATE_STORE_REF = { kind: 'GitStateStore', name: 'local' };
const RESOURCE_NAMESPACE = 'default';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const code = (e: unknown) => (e as { code?: number }).code;

export class FidelityRunner {
  private readonly stableMs: number;
  private readonly settleTimeoutMs: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly backend: PlatformTestBackend,
    options: RunnerOptions = {},
  ) {
    this.stableMs = options.stableMs ?? 1000;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 90_000;
    this.log = options.log ?? (() => {});
  }

  private get cache() {
    return this.backend.cache;
  }

  async run(plan: ScenarioPlan): Promise<ScenarioResult> {
    const started = Date.now();
    const ctx: Ctx = {
      plan,
      live: new Map(),
      created: new Set(),
      selectors: plan.selectors,
      nudges: 0,
      notes: [],
    };
    const steps: StepResult[] = [];
    let error: string | undefined;
    let platformError = false;
    let cleanupError: string | undefined;
    let leaked: string[] = [];
    try {
      steps.push(await this.setup(ctx));
      if (plan.resource) steps.push(await this.setupResource(ctx));
      for (const [i, step] of plan.steps.entries()) {
        steps.push(await this.step(ctx, i + 1, step));
      }
    } catch (e) {
      error = e instanceof Error ? e.stack ?? e.message : String(e);
      platformError = e instanceof PlatformError;
    } finally {
      const cleanupStart = Date.now();
      try {
        leaked = await this.cleanup(ctx);
        this.log(`    cleanup ${Date.now() - cleanupStart}ms`);
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

  // ---------------------------------------------------------------- observation

  private comparable(ctx: Ctx) {
    return (d: string) => BASE_DESTINATIONS.includes(d) || ctx.created.has(d);
  }

  private async observe(ctx: Ctx): Promise<any[]> {
    return (await listWorkPlacements()).filter(
      wp => wp.spec?.promiseName === ctx.plan.promise,
    );
  }

  private views(raw: any[]): WpView[] {
    return raw.map(wp => ({
      workKey: workKeyOf({ resourceName: wp.spec?.resourceName }),
      destination: String(wp.spec?.targetDestinationName ?? ''),
      misplaced: isMisplaced(wp),
    }));
  }

  /** The Promise's WorkPlacements as the backend cache (and so the engine) sees them. */
  private cacheViews(ctx: Ctx): WpView[] {
    return this.cache.workPlacements
      .byIndex('promise', ctx.plan.promise)
      .map(wp => ({
        workKey: workKeyOf(wp),
        destination: wp.targetDestinationName,
        misplaced: misplacementLabelOf(wp.labels) !== undefined,
      }));
  }

  /** Waits until the backend cache shows what the API server shows for the scenario's objects. */
  private async catchUp(ctx: Ctx): Promise<void> {
    const promise = ctx.plan.promise;
    const caughtUp = async () => {
      const rv = (items: any[]) =>
        items
          .map(
            o =>
              `${o.metadata.namespace ?? ''}/${o.metadata.name}@${
                o.metadata.resourceVersion
              }`,
          )
          .sort()
          .join(',');
      const cacheRv = (
        items: Array<{
          namespace?: string;
          name: string;
          resourceVersion: string;
        }>,
      ) =>
        items
          .map(o => `${o.namespace ?? ''}/${o.name}@${o.resourceVersion}`)
          .sort()
          .join(',');
      const wps = await this.observe(ctx);
      if (
        rv(wps) !==
        cacheRv(this.cache.workPlacements.byIndex('promise', promise))
      )
        return false;
      const works = (await listWorks()).filter(
        w => w.spec?.promiseName === promise,
      );
      if (rv(works) !== cacheRv(this.cache.works.byIndex('promise', promise)))
        return false;
      const names = new Set([...BASE_DESTINATIONS, ...ctx.created]);
      const dests: any = await customObjects().listClusterCustomObject({
        ...KRATIX,
        plural: 'destinations',
      });
      const apiDests = dests.items.filter((d: any) =>
        names.has(d.metadata.name),
      );
      const cacheDests = this.cache.destinations
        .all()
        .filter(d => names.has(d.name));
      return rv(apiDests) === cacheRv(cacheDests);
    };
    try {
      await waitFor(
        `backend cache caught up with ${promise}`,
        30_000,
        caughtUp,
      );
    } catch (e) {
      throw new PlatformError((e as Error).message);
    }
  }

  /**
   * Polls the Promise's WorkPlacements until they show the expected state, have been unchanged for
   * `stableMs` and are written (status.versionID) on every live Destination; or the timeout.
   */
  private async settle(
    ctx: Ctx,
    expectation: Expectation,
  ): Promise<PhaseResult> {
    const started = Date.now();
    const logOffset = kratixLogSize();
    const comparable = this.comparable(ctx);
    let lastFingerprint = '';
    let stableSince = started;
    for (;;) {
      const raw = await this.observe(ctx);
      const fingerprint = raw
        .map(wp => `${wp.metadata.name}@${wp.metadata.resourceVersion}`)
        .sort()
        .join(',');
      const now = Date.now();
      if (fingerprint !== lastFingerprint) {
        lastFingerprint = fingerprint;
        stableSince = now;
      }
      const cmp: Comparison = compareState(
        expectation,
        this.views(raw),
        comparable,
      );
      const pending = raw
        .filter(wp => comparable(wp.spec.targetDestinationName))
        .filter(
          wp =>
            wp.metadata.deletionTimestamp ||
            ((ctx.live.has(wp.spec.targetDestinationName) ||
              BASE_DESTINATIONS.includes(wp.spec.targetDestinationName)) &&
              !wp.status?.versionID),
        )
        .map(wp =>
          wp.metadata.deletionTimestamp
            ? `${wp.metadata.name} is being deleted`
            : `${wp.metadata.name} not written`,
        );
      const done = cmp.diffs.length === 0 && pending.length === 0;
      if (done && now - stableSince >= this.stableMs) {
        return this.phaseResult(expectation, true, cmp, now - started);
      }
      if (now - started > this.settleTimeoutMs) {
        const result = this.phaseResult(
          expectation,
          false,
          { ...cmp, diffs: cmp.diffs.length ? cmp.diffs : pending },
          now - started,
        );
        if (!cmp.diffs.length) return { ...result, inconclusive: true };
        // Kratix re-schedules dependency Works on a Destination event only after writing the
        // canary files; when its state-store writes kept failing (load), the predicted state is
        // late, not wrong. The manager's log says so.
        const failures = stateStoreFailures(logOffset, [
          ...ctx.created,
          ctx.plan.promise,
        ]);
        return failures.length
          ? {
              ...result,
              inconclusive: true,
              diffs: [
                ...result.diffs,
                `Kratix could not write to the state store meanwhile: ${failures
                  .slice(0, 3)
                  .join(' | ')}`,
              ],
            }
          : result;
      }
      await sleep(150);
    }
  }

  private phaseResult(
    e: Expectation,
    ok: boolean,
    cmp: Comparison,
    ms: number,
  ): PhaseResult {
    return {
      phase: e.phase,
      name: PHASE_NAMES[e.phase],
      ok,
      diffs: cmp.diffs,
      early: cmp.early,
      tolerated486: cmp.tolerated486,
      ms,
    };
  }

  /** Destinations (scenario ones) the resource Work's selector matches, for the #486 tolerance. */
  private resourceMatches(
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

  private async waitLive(names: string[]): Promise<void> {
    if (names.length === 0) return;
    try {
      await waitFor(
        `canary files of ${names.join(', ')}`,
        300_000,
        async () => {
          const files = new Set(await stateStoreFiles());
          return names.every(
            n =>
              files.has(
                `destinations/${n}/dependencies/kratix-canary-namespace.yaml`,
              ) &&
              files.has(
                `destinations/${n}/resources/kratix-canary-configmap.yaml`,
              ),
          );
        },
      );
    } catch (e) {
      throw new PlatformError((e as Error).message);
    }
  }

  private async createDestinations(
    ctx: Ctx,
    list: PlannedDestination[],
  ): Promise<void> {
    for (const d of list) {
      ctx.created.add(d.name);
      await createDestination(d.name, d.labels, {
        strictMatchLabels: d.strictMatchLabels,
      });
      ctx.live.set(d.name, { ...d, labels: { ...d.labels } });
    }
  }

  /** Triggers a reconcile of every Work of the Promise (an annotation change). */
  private async nudge(ctx: Ctx): Promise<void> {
    const works = (
      await listWorks(`kratix.io/promise-name=${ctx.plan.promise}`)
    ).filter(w => !w.metadata.deletionTimestamp);
    ctx.nudges++;
    for (const w of works) {
      await updateObject(
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

  private async preview(path: string, body: unknown): Promise<WhatIfResponse> {
    const res = await request(this.backend.server)
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

  // ---------------------------------------------------------------- steps

  /** Destinations, then the Promise: the engine's prediction for a new Promise against Kratix. */
  private async setup(ctx: Ctx): Promise<StepResult> {
    const { plan } = ctx;
    const t0 = Date.now();
    await this.createDestinations(ctx, plan.destinations);
    await this.waitLive(plan.destinations.map(d => d.name));
    const t1 = Date.now();
    await this.catchUp(ctx);
    this.log(`    Destinations live ${t1 - t0}ms, cache ${Date.now() - t1}ms`);

    // The engine has no "new Promise" entry: predict it as a change of an empty Promise that
    // gets its dependencies (the static-dependency Work is created with the squashed selectors).
    const cache = this.cache;
    const empty: SlimPromise = {
      name: plan.promise,
      uid: '',
      resourceVersion: '',
      labels: {},
      annotations: {},
      generation: 1,
      destinationSelectors: [],
      dependencyCount: 0,
      workflows: { promiseConfigure: [], resourceConfigure: [] },
      status: { conditions: [] },
    };
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
    phases.push(
      await this.settle(
        ctx,
        expectedState({
          promise: plan.promise,
          before: [],
          response,
          phase: 1,
        }),
      ),
    );
    await this.nudge(ctx);
    phases.push(
      await this.settle(
        ctx,
        expectedState({
          promise: plan.promise,
          before: [],
          response,
          phase: 2,
        }),
      ),
    );
    const rules = selectorRules(ctx.selectors, [...ctx.live.values()]);
    rules.add('create');
    for (const r of effectRules(groupsOf(response, plan.promise))) rules.add(r);
    return this.stepResult(0, 'create Promise', phases, rules, []);
  }

  /** A resource Work like pipeline output, matching exactly one Destination: it lands there. */
  private async setupResource(ctx: Ctx): Promise<StepResult> {
    const { plan } = ctx;
    const res = plan.resource!;
    await this.catchUp(ctx);
    const before = this.cacheViews(ctx);
    const selectors = resourceWorkSelectors(
      res.workflowSelector,
      ctx.selectors,
    );
    const name = `${plan.promise}-${res.resourceName}-w0rk1`;
    await customObjects().createNamespacedCustomObject({
      ...KRATIX,
      plural: 'works',
      namespace: RESOURCE_NAMESPACE,
      body: {
        apiVersion: 'platform.kratix.io/v1alpha1',
        kind: 'Work',
        metadata: {
          name,
          namespace: RESOURCE_NAMESPACE,
          labels: {
            'kratix.io/promise-name': plan.promise,
            'kratix.io/resource-name': res.resourceName,
            'kratix.io/work-type': 'resource',
            'kratix.io/pipeline-name': 'instance-configure',
          },
        },
        spec: {
          promiseName: plan.promise,
          resourceName: res.resourceName,
          workloadGroups: [
            {
              id: DEFAULT_WORKLOAD_GROUP_ID,
              directory: '.',
              workloads: [
                {
                  filepath: 'resource.yaml',
                  content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${plan.promise}-${res.resourceName}\n  namespace: default\ndata:\n  seed: "${plan.seed}"\n`,
                },
              ],
              destinationSelectors: selectors,
            },
          ],
        },
      },
    });
    ctx.resourceWorkName = name;
    ctx.resourceSelectors = selectors;
    const expected = [
      ...before,
      {
        workKey: workKeyOf(res),
        destination: res.destination,
        misplaced: false,
      },
    ];
    const phase = await this.settle(
      ctx,
      expectedState({
        promise: plan.promise,
        before: expected,
        response: null,
        phase: 1,
        resourceMatches: this.resourceMatches(ctx, selectors),
      }),
    );
    const rules = resourceRules(res.workflowSelector, ctx.selectors);
    rules.add('resource-work');
    return this.stepResult(
      0,
      `resource Work -> ${res.destination}`,
      [phase],
      rules,
      [],
    );
  }

  private async step(
    ctx: Ctx,
    index: number,
    step: PlannedStep,
  ): Promise<StepResult> {
    return step.kind === 'promise'
      ? this.promiseStep(ctx, index, step.selectors)
      : this.destinationStep(ctx, index, step);
  }

  private async promiseStep(
    ctx: Ctx,
    index: number,
    selectors: DestinationSelectorEntry[],
  ): Promise<StepResult> {
    const { plan } = ctx;
    await this.catchUp(ctx);
    const before = this.cacheViews(ctx);
    const manifest = promiseManifest(ctx, selectors);
    const response = await this.preview(`promises/${plan.promise}/preview`, {
      spec: manifest.spec,
    });
    await applyPromise(manifest);
    const oldSelectors = ctx.selectors;
    ctx.selectors = selectors;

    const input = { promise: plan.promise, before, response };
    const phases: PhaseResult[] = [];
    const current = this.resourceMatches(ctx, ctx.resourceSelectors);
    phases.push(
      await this.settle(
        ctx,
        expectedState({ ...input, phase: 1, resourceMatches: current }),
      ),
    );
    await this.nudge(ctx);
    phases.push(
      await this.settle(
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
    if (plan.resource && ctx.resourceWorkName) {
      // The resource workflow re-runs after a spec change; on this platform no Job runs, so the
      // runner writes the Work the way the work-creator would, with the new Promise selectors.
      const rewritten = resourceWorkSelectors(
        plan.resource.workflowSelector,
        selectors,
      );
      await updateObject(
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
      phases.push(
        await this.settle(
          ctx,
          expectedState({
            ...input,
            phase: 3,
            resourceMatches: this.resourceMatches(ctx, rewritten),
          }),
        ),
      );
      for (const r of resourceRules(plan.resource.workflowSelector, selectors))
        rules.add(r);
    }
    return this.stepResult(
      index,
      `Promise selectors ${JSON.stringify(selectors.map(s => s.matchLabels))}`,
      phases,
      rules,
      [],
    );
  }

  private async destinationStep(
    ctx: Ctx,
    index: number,
    step: Extract<PlannedStep, { kind: 'destinations' }>,
  ): Promise<StepResult> {
    const { plan } = ctx;
    const notes: string[] = [];
    await this.catchUp(ctx);
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
      return this.stepResult(
        index,
        'nothing left to change',
        [],
        new Set(),
        notes,
      );
    }
    const before = this.cacheViews(ctx);
    const body: WhatIfDestinationsRequest = {
      changes: [
        ...remove.map(name => ({ name, remove: true })),
        ...relabel.map(r => ({ name: r.name, labels: r.labels })),
      ],
      add: add.map(d => ({
        name: d.name,
        labels: d.labels,
        strictMatchLabels: d.strictMatchLabels,
        stateStoreRef: STATE_STORE_REF,
      })),
    };
    const response = await this.preview('destinations/preview', body);
    const liveBefore = [...ctx.live.values()];

    // Removals first, then relabels, then additions: the reconcile of a relabelled or added
    // Destination then sees the removals (the engine's "immediate" for a mixed request).
    for (const name of remove) {
      await deleteDestination(name);
      ctx.live.delete(name);
    }
    for (const r of relabel) {
      await updateObject({ plural: 'destinations', name: r.name }, obj => {
        obj.metadata.labels = { ...r.labels };
      });
      ctx.live.get(r.name)!.labels = { ...r.labels };
    }
    await this.createDestinations(ctx, add);

    const input = { promise: plan.promise, before, response };
    const matches = this.resourceMatches(ctx, ctx.resourceSelectors);
    const phases: PhaseResult[] = [];
    phases.push(
      await this.settle(
        ctx,
        expectedState({ ...input, phase: 1, resourceMatches: matches }),
      ),
    );
    await this.nudge(ctx);
    phases.push(
      await this.settle(
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
    if (remove.some(name => before.some(wp => wp.destination === name))) {
      rules.add('destination-deleted');
    }
    const parts = [
      ...remove.map(n => `delete ${n}`),
      ...relabel.map(r => `relabel ${r.name} ${JSON.stringify(r.labels)}`),
      ...add.map(
        d =>
          `add ${d.name} ${JSON.stringify(d.labels)}${
            d.strictMatchLabels ? ' strict' : ''
          }`,
      ),
    ];
    return this.stepResult(index, parts.join('; '), phases, rules, notes);
  }

  private stepResult(
    index: number,
    label: string,
    phases: PhaseResult[],
    rules: Set<Rule>,
    notes: string[],
  ): StepResult {
    const ok = phases.every(p => p.ok);
    this.log(
      `    step ${index} ${ok ? 'ok' : 'DISAGREES'}: ${label} [${phases
        .map(p => `${p.name} ${p.ok ? 'ok' : 'FAIL'} ${p.ms}ms`)
        .join(', ')}]`,
    );
    for (const p of phases)
      for (const d of p.diffs) this.log(`      ${p.name}: ${d}`);
    return { index, label, phases, rules: [...rules], ok, notes };
  }

  // ---------------------------------------------------------------- cleanup

  /**
   * Deletes the Promise (Kratix deletes its Works, WorkPlacements and files), then the scenario's
   * Destinations. v0.125: a WorkPlacement whose Destination is gone can never finish deleting
   * (#382), so deleted Destinations that still carry WorkPlacements of the Promise are first
   * re-created (with a label no selector asks for), and Destinations are deleted only once no
   * WorkPlacement targets them.
   */
  private async cleanup(ctx: Ctx): Promise<string[]> {
    const { plan } = ctx;
    const api = customObjects();
    const existing = new Set<string>(
      (
        (await api.listClusterCustomObject({
          ...KRATIX,
          plural: 'destinations',
        })) as any
      ).items.map((d: any) => d.metadata.name),
    );
    const recreate = async (names: string[]) => {
      for (const name of names) {
        await createDestination(
          name,
          { [plan.keys.gone]: 'true' },
          { strictMatchLabels: true },
        );
        ctx.live.set(name, {
          name,
          labels: { [plan.keys.gone]: 'true' },
          strictMatchLabels: true,
        });
        existing.add(name);
      }
      if (names.length === 0) return;
      // The canary files survive a Destination (v0.125 never removes them), so they cannot tell
      // whether the re-created Destination has been reconciled: give its reconcile (which
      // re-schedules every dependency Work, ours included) time to run before the Promise goes.
      await this.waitLive(names);
      await sleep(3000);
    };
    const orphanTargets = async () => [
      ...new Set(
        (await this.observe(ctx))
          .map(wp => String(wp.spec.targetDestinationName))
          .filter(d => !existing.has(d)),
      ),
    ];
    await recreate((await orphanTargets()).filter(d => ctx.created.has(d)));

    try {
      await api.deleteClusterCustomObject({
        ...KRATIX,
        plural: 'promises',
        name: plan.promise,
      });
    } catch (e) {
      if (code(e) !== 404) throw e;
    }
    const promiseGone = async () => {
      try {
        await api.getClusterCustomObject({
          ...KRATIX,
          plural: 'promises',
          name: plan.promise,
        });
        return false;
      } catch (e) {
        return code(e) === 404;
      }
    };
    try {
      await waitFor(`Promise ${plan.promise} deleted`, 180_000, promiseGone);
    } catch {
      // A WorkPlacement on a Destination deleted meanwhile by someone else (an empty-selector
      // scenario reaches other tests' Destinations): re-create ours, release the others (files stay).
      const orphans = await orphanTargets();
      await recreate(orphans.filter(d => ctx.created.has(d)));
      for (const wp of await this.observe(ctx)) {
        if (
          ctx.created.has(wp.spec.targetDestinationName) ||
          existing.has(wp.spec.targetDestinationName)
        ) {
          continue;
        }
        ctx.notes.push(
          `removed the finalizers of ${wp.metadata.name} (its Destination is gone)`,
        );
        await updateObject(
          {
            plural: 'workplacements',
            name: wp.metadata.name,
            namespace: wp.metadata.namespace,
          },
          obj => {
            obj.metadata.finalizers = [];
          },
        );
      }
      await waitFor(`Promise ${plan.promise} deleted`, 300_000, promiseGone);
    }
    await this.sweepOrphans(ctx, existing);

    const leaked: string[] = [];
    for (const name of [...ctx.live.keys()]) {
      try {
        await waitFor(`no WorkPlacement on ${name}`, 20_000, async () =>
          (
            await listWorkPlacements()
          ).every(wp => wp.spec?.targetDestinationName !== name),
        );
      } catch {
        leaked.push(name);
        ctx.notes.push(
          `left Destination ${name}: other Promises still have WorkPlacements on it`,
        );
        continue;
      }
      await deleteDestination(name);
      ctx.live.delete(name);
    }
    return leaked;
  }

  /**
   * Kratix v0.125 behaviour (seen with seed 117, run nonce 8rn): a Destination reconcile calls
   * ReconcileAllDependencyWorks, which re-schedules every dependency Work WITHOUT skipping Works
   * being deleted (controllers/scheduler.go:43-59). If it runs while the Promise's static-dependency
   * Work is being deleted, it re-creates WorkPlacements the Work finalizer has just deleted; the
   * finalizer can then see none in its cache, let the Work go, and the re-created WorkPlacements
   * are left owned by a Work that no longer exists. A real cluster's garbage collector deletes
   * them (ownerReference to a missing owner); this platform has no kube-controller-manager, so
   * the runner does the collector's job for its own WorkPlacements.
   */
  private async sweepOrphans(ctx: Ctx, existing: Set<string>): Promise<void> {
    const orphans = await this.observe(ctx);
    if (orphans.length === 0) return;
    ctx.notes.push(
      `Kratix re-created ${orphans.length} WorkPlacement(s) of the static-dependency Work while it was being deleted (ReconcileAllDependencyWorks does not skip deleting Works); deleted them as a garbage collector would`,
    );
    const api = customObjects();
    for (const wp of orphans) {
      const dest = String(wp.spec.targetDestinationName);
      if (!existing.has(dest)) {
        // Its Destination is gone: it could never finish deleting (#382); the files stay.
        await updateObject(
          {
            plural: 'workplacements',
            name: wp.metadata.name,
            namespace: wp.metadata.namespace,
          },
          obj => {
            obj.metadata.finalizers = [];
          },
        );
      }
      try {
        await api.deleteNamespacedCustomObject({
          ...KRATIX,
          plural: 'workplacements',
          namespace: wp.metadata.namespace,
          name: wp.metadata.name,
        });
      } catch (e) {
        if (code(e) !== 404) throw e;
      }
    }
    await waitFor(
      `orphan WorkPlacements of ${ctx.plan.promise} deleted`,
      60_000,
      async () => (await this.observe(ctx)).length === 0,
    );
  }
}
