import { ConflictError, InputError } from '@backstage/errors';
import {
  PromiseUpdateEffects,
  PromiseUpdateRequest,
  PromiseUpdateResponse,
  slimPromiseApiVersion,
} from '@kratix-backstage/plugin-kratix-common';
import {
  ActingIdentity,
  Platform,
  slimPromise,
} from '@kratix-backstage/plugin-kratix-node';
import { applyMergePatch } from './mergePatch';
import { specDiff } from './specDiff';
import { validatePromiseSpec } from './validateSpec';

export interface PromiseUpdateResult extends PromiseUpdateResponse {
  before: unknown;
  after: unknown;
}

/** The object to PUT: the current Promise with the new spec, at the version the client saw. */
function replacementBody(current: any, spec: unknown, resourceVersion: string) {
  const { managedFields, ...metadata } = current.metadata ?? {};
  void managedFields;
  return {
    apiVersion: current.apiVersion,
    kind: current.kind,
    metadata: { ...metadata, resourceVersion },
    spec,
  };
}

/**
 * What Kratix will do after a spec change: re-run the Promise configure workflow (when it has
 * one) and every resource request's configure workflow (ae170e22 promise_controller.go:875
 * shouldReconcileResources → reconcileAllRRs; v0.125.0 controllers/promise_controller.go:240-246
 * labels every RR kratix.io/manual-reconciliation).
 */
async function effectsOf(
  platform: Platform,
  after: any,
  changed: boolean,
): Promise<PromiseUpdateEffects> {
  if (!changed) {
    return {
      promiseWorkflowRerun: false,
      resourceWorkflowsRerun: 0,
      message: 'No change: Kratix does nothing.',
    };
  }
  const slim = slimPromise(after);
  const promiseWorkflowRerun = slim.workflows.promiseConfigure.length > 0;
  const apiVersion = slimPromiseApiVersion(slim);
  const resources = apiVersion
    ? await platform.client.countResources(apiVersion)
    : 0;
  const parts = [
    promiseWorkflowRerun
      ? 'Kratix re-runs the Promise configure workflow'
      : 'Kratix re-applies the Promise (no Promise configure workflow)',
    slim.api
      ? `and the configure workflow of all ${resources} resource request(s)`
      : 'and it has no resource API, so no resource workflow runs',
  ];
  return {
    promiseWorkflowRerun,
    resourceWorkflowsRerun: resources,
    message: `${parts.join(' ')}.`,
  };
}

/**
 * The apiserver's time of the latest write to an object: the newest `managedFields[].time` (the
 * apiserver stamps it on every update, in its own clock, to the second), else this process' clock.
 */
export function writeTimeOf(metadata: {
  managedFields?: Array<{ time?: string | Date }>;
}): string {
  const times = (metadata.managedFields ?? [])
    .map(f => (f.time ? new Date(f.time).getTime() : NaN))
    .filter(t => !Number.isNaN(t));
  const newest = times.length ? Math.max(...times) : Date.now();
  return new Date(newest).toISOString();
}

/**
 * Applies (or dry-runs at the apiserver) a new spec or a merge patch of the spec, with optimistic
 * concurrency: the client's resourceVersion must be current, and the apiserver enforces it again
 * on the PUT, so a concurrent change gives 409, never a silent overwrite.
 */
export async function updatePromise(
  platform: Platform,
  name: string,
  request: PromiseUpdateRequest,
  as?: ActingIdentity,
): Promise<PromiseUpdateResult> {
  if ((request.spec === undefined) === (request.specPatch === undefined)) {
    throw new InputError('send exactly one of spec and specPatch');
  }
  const current = await platform.client.getPromise(name);
  const currentVersion = current.metadata?.resourceVersion;
  const currentGeneration = Number(current.metadata?.generation ?? 0);
  // Kratix writes the Promise's status on every reconcile, which bumps resourceVersion but not
  // generation; with the generation the client saw, only a spec change since then is a conflict.
  const specUnchanged =
    currentVersion === request.resourceVersion ||
    (request.generation !== undefined &&
      request.generation === currentGeneration);
  if (!specUnchanged) {
    throw new ConflictError(
      `Promise ${name} changed since it was loaded: you sent resourceVersion ${
        request.resourceVersion
      }${
        request.generation !== undefined
          ? ` (generation ${request.generation})`
          : ''
      }, the current one is ${currentVersion} (generation ${currentGeneration}). Reload and apply again.`,
    );
  }
  const spec = request.spec ?? applyMergePatch(current.spec, request.specPatch);
  validatePromiseSpec(spec);
  const result = await platform.client.replacePromise(
    // The PUT carries the version just read: the apiserver refuses (409) any change in between.
    replacementBody(current, spec, currentVersion),
    { dryRun: request.dryRun, as },
  );
  const diff = specDiff(name, current.spec, result.spec);
  const changed = diff !== '';
  return {
    platform: platform.config.name,
    promise: name,
    dryRun: Boolean(request.dryRun),
    changed,
    resourceVersion: request.dryRun
      ? currentVersion
      : result.metadata.resourceVersion,
    generation: request.dryRun
      ? currentGeneration
      : Number(result.metadata.generation ?? 0),
    diff,
    effects: await effectsOf(platform, result, changed),
    appliedAt:
      request.dryRun || !changed ? undefined : writeTimeOf(result.metadata),
    before: current.spec,
    after: result.spec,
  };
}
