import {
  DestinationSelectorEntry,
  DRY_RUN_LABEL,
  isResourceWorkload,
  isStaticDependencyWork,
  KratixGeneration,
  SlimDestination,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
  WhatIfWorkKind,
} from '@kratix-backstage/plugin-kratix-common';
import { ProposedPromiseSpec, WhatIfPicture } from './types';

/** md5(".") : the id of the default workload group `.` (docs/kratix-v0.125.0.md §1.2, shared doc §4). */
export const DEFAULT_WORKLOAD_GROUP_ID = '5058f1af8388633f609cadb75a75dc9d';

/**
 * Which kind of Work this is, for what a Promise change does to it. Scheduling itself only looks at
 * `spec.resourceName` (isResourceWorkload); rewriting depends on who writes the Work: Kratix finds
 * the static-dependency Work by the labels promise-name + `kratix.io/work-type=static-dependency`
 * (ae170e22 internal/controller/promise_controller.go applyWorkForStaticDependencies; v0.125.0
 * lib/resourceutil/work.go:53-55,75-94), workflow output carries work-type promise|resource
 * (lib/resourceutil/work.go GetWorkLabels). A Promise-level Work with neither label was not written
 * by Kratix and is never rewritten by it.
 */
export function whatIfWorkKind(
  work: Pick<SlimWork, 'resourceName' | 'workType' | 'pipelineName'>,
): WhatIfWorkKind {
  if (isResourceWorkload(work)) return 'resource';
  if (isStaticDependencyWork(work)) return 'static-dependency';
  if (work.workType === 'promise' || (!work.workType && work.pipelineName))
    return 'promise-workflow';
  return 'other-dependency';
}

/**
 * Dry-run Works (current generation) are scheduled with the selector `kratix.io/dry-run=true` instead
 * of their groups' selectors (ae170e22 internal/controller/scheduler.go:196,231-233,286-288); the
 * what-if leaves them out. v0.125.0 has no dry-run feature.
 */
export function isDryRunWork(
  work: SlimWork,
  generation: KratixGeneration,
): boolean {
  return generation === 'current' && work.labels?.[DRY_RUN_LABEL] === 'true';
}

export function groupKey(
  namespace: string,
  workName: string,
  groupId: string,
): string {
  return `${namespace}\u0000${workName}\u0000${groupId}`;
}

/**
 * WorkPlacements by (namespace, Work, workload group): Kratix finds a group's WorkPlacements by the
 * labels kratix.io/work + kratix.io/workload-group-id in the Work's namespace (ae170e22
 * internal/controller/scheduler.go:329; v0.125.0 controllers/scheduler.go getExistingWorkPlacementsForWorkloadGroup).
 */
export function indexWorkPlacements(
  wps: readonly SlimWorkPlacement[],
  filter?: (wp: SlimWorkPlacement) => boolean,
): Map<string, SlimWorkPlacement[]> {
  const index = new Map<string, SlimWorkPlacement[]>();
  for (const wp of wps) {
    if (!wp.workName || !wp.workloadGroupId) continue;
    if (filter && !filter(wp)) continue;
    const key = groupKey(wp.namespace, wp.workName, wp.workloadGroupId);
    const list = index.get(key);
    if (list) list.push(wp);
    else index.set(key, [wp]);
  }
  return index;
}

/**
 * A lookup of the WorkPlacements of one workload group of these Works: the caller's own index when
 * the picture has one (nothing built per call), else an index of `picture.workPlacements`.
 */
export function workPlacementsOfGroup(
  picture: Pick<WhatIfPicture, 'workPlacements' | 'workPlacementsOfWork'>,
  works: readonly SlimWork[],
): (work: SlimWork, groupId: string) => readonly SlimWorkPlacement[] {
  const ofWork = picture.workPlacementsOfWork;
  if (ofWork) {
    return (w, groupId) =>
      ofWork(w.namespace, w.name).filter(wp => wp.workloadGroupId === groupId);
  }
  const workKeys = new Set(works.map(w => `${w.namespace}\u0000${w.name}`));
  const index = indexWorkPlacements(picture.workPlacements, wp =>
    workKeys.has(`${wp.namespace}\u0000${wp.workName}`),
  );
  return (w, groupId) =>
    index.get(groupKey(w.namespace, w.name, groupId)) ?? [];
}

export function stateStoreIndex(
  stores: readonly SlimStateStore[],
): Map<string, SlimStateStore> {
  return new Map(stores.map(s => [`${s.kind}/${s.name}`, s]));
}

export function stateStoreOf(
  destination: Pick<SlimDestination, 'stateStoreRef'>,
  stores: Map<string, SlimStateStore>,
): SlimStateStore | undefined {
  const ref = destination.stateStoreRef;
  return ref ? stores.get(`${ref.kind}/${ref.name}`) : undefined;
}

/** Number of resource requests of a Promise: given, or estimated from its resource Works. */
export function resourceRequestCount(
  picture: WhatIfPicture,
  promise: string,
): { count: number; estimated: boolean } {
  const given = picture.resourceRequests?.[promise];
  if (given !== undefined) return { count: given, estimated: false };
  const seen = new Set<string>();
  for (const w of picture.works) {
    if (w.promiseName === promise && isResourceWorkload(w))
      seen.add(`${w.namespace}/${w.resourceName}`);
  }
  return { count: seen.size, estimated: true };
}

/** JSON deep equality, key order ignored (what the API server compares to bump the generation). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  )
    return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter(k => ao[k] !== undefined);
  const bk = Object.keys(bo).filter(k => bo[k] !== undefined);
  return (
    ak.length === bk.length && ak.every(k => k in bo && jsonEqual(ao[k], bo[k]))
  );
}

function asRecord(x: unknown): Record<string, any> {
  return x && typeof x === 'object' && !Array.isArray(x)
    ? (x as Record<string, any>)
    : {};
}

/** `spec.destinationSelectors` of a raw spec, as slim entries. */
export function destinationSelectorsOf(
  spec: unknown,
): DestinationSelectorEntry[] {
  const list = asRecord(spec).destinationSelectors;
  if (!Array.isArray(list)) return [];
  return list.map(entry => {
    const matchLabels: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      asRecord(asRecord(entry).matchLabels),
    )) {
      matchLabels[k] = String(v);
    }
    return { matchLabels };
  });
}

/**
 * The engine's view of a proposed Promise spec (the merged spec the backend built from
 * WhatIfPromiseRequest). With the current spec, the dependencies and the whole spec are compared.
 *
 * @public
 */
export function proposedPromiseFromSpec(
  proposedSpec: Record<string, unknown>,
  currentSpec?: Record<string, unknown>,
): ProposedPromiseSpec {
  const deps = (s: unknown) => {
    const d = asRecord(s).dependencies;
    return Array.isArray(d) ? d : [];
  };
  const configure = asRecord(
    asRecord(asRecord(proposedSpec).workflows).promise,
  ).configure;
  return {
    destinationSelectors: destinationSelectorsOf(proposedSpec),
    dependencyCount: deps(proposedSpec).length,
    dependenciesChanged: currentSpec
      ? !jsonEqual(deps(currentSpec), deps(proposedSpec))
      : undefined,
    specChanged: currentSpec
      ? !jsonEqual(currentSpec, proposedSpec)
      : undefined,
    promiseConfigure: Array.isArray(configure)
      ? configure
          .map(p => String(asRecord(asRecord(p).metadata).name ?? ''))
          .filter(Boolean)
      : [],
  };
}
