import {
  Condition,
  ObjectMeta,
  Readiness,
  SlimDestination,
  SlimPromise,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
  PIPELINE_NAME_LABEL,
  PROMISE_NAME_LABEL,
  RESOURCE_NAME_LABEL,
  WORK_LABEL,
  WORK_TYPE_LABEL,
  WORKLOAD_GROUP_ID_LABEL,
} from '@kratix-backstage/plugin-kratix-common';
import { StringPool } from './StringPool';

/*
 * API objects → the slim shapes the cache keeps. Workload contents, dependencies and pipeline
 * specs are dropped here, so the cache's memory stays small however large the workloads are. The
 * strings many objects repeat are shared through one pool (StringPool.ts).
 */
const shared = new StringPool();

function meta(obj: any): ObjectMeta {
  const m = obj?.metadata ?? {};
  return {
    name: String(m.name ?? ''),
    uid: String(m.uid ?? ''),
    resourceVersion: String(m.resourceVersion ?? ''),
    creationTimestamp: shared.maybe(m.creationTimestamp),
    deletionTimestamp: shared.maybe(m.deletionTimestamp),
    labels: shared.values(m.labels),
    generation: Number(m.generation ?? 0) || undefined,
  };
}

function conditions(obj: any): Condition[] {
  const list = obj?.status?.conditions;
  if (!Array.isArray(list)) return [];
  return list.map((c: any) => ({
    type: shared.of(String(c.type)),
    status: shared.of(String(c.status)),
    reason: shared.maybe(c.reason),
    message: shared.maybe(c.message),
    lastTransitionTime: shared.maybe(c.lastTransitionTime),
  }));
}

function readiness(obj: any): {
  ready: Readiness;
  readyReason?: string;
  readyMessage?: string;
} {
  const c = conditions(obj).find(x => x.type === 'Ready');
  if (!c) return { ready: 'Unknown' };
  const known: Record<string, Readiness> = { True: 'True', False: 'False' };
  const ready: Readiness = known[c.status] ?? 'Unknown';
  return { ready, readyReason: c.reason, readyMessage: c.message };
}

function pipelineNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((p: any) => String(p?.metadata?.name ?? '')).filter(Boolean);
}

export function slimPromise(obj: any): SlimPromise {
  const spec = obj?.spec ?? {};
  const api = spec.api;
  const crdSpec = api?.spec;
  return {
    ...meta(obj),
    annotations: { ...(obj?.metadata?.annotations ?? {}) },
    generation: Number(obj?.metadata?.generation ?? 0),
    destinationSelectors: Array.isArray(spec.destinationSelectors)
      ? spec.destinationSelectors.map((s: any) => ({
          matchLabels: { ...(s?.matchLabels ?? {}) },
        }))
      : [],
    dependencyCount: Array.isArray(spec.dependencies)
      ? spec.dependencies.length
      : 0,
    api: crdSpec?.names?.kind
      ? {
          group: String(crdSpec.group ?? ''),
          kind: String(crdSpec.names.kind),
          plural: String(crdSpec.names.plural ?? ''),
          versions: Array.isArray(crdSpec.versions)
            ? crdSpec.versions.map((v: any) => String(v?.name))
            : [],
        }
      : undefined,
    workflows: {
      promiseConfigure: pipelineNames(spec.workflows?.promise?.configure),
      resourceConfigure: pipelineNames(spec.workflows?.resource?.configure),
    },
    status: {
      status: obj?.status?.status,
      version: obj?.status?.version,
      observedGeneration: obj?.status?.observedGeneration,
      conditions: conditions(obj),
    },
  };
}

export function slimDestination(obj: any): SlimDestination {
  const spec = obj?.spec ?? {};
  return {
    ...meta(obj),
    path: spec.path,
    stateStoreRef: spec.stateStoreRef
      ? {
          kind: String(spec.stateStoreRef.kind),
          name: String(spec.stateStoreRef.name),
        }
      : undefined,
    strictMatchLabels: spec.strictMatchLabels === true,
    filepathMode: spec.filepath?.mode,
    filepathFilename: spec.filepath?.filename,
    cleanup: spec.cleanup,
    ...readiness(obj),
  };
}

export function slimStateStore(obj: any): SlimStateStore {
  const spec = obj?.spec ?? {};
  const kind =
    obj?.kind === 'BucketStateStore' ? 'BucketStateStore' : 'GitStateStore';
  const location =
    kind === 'GitStateStore'
      ? String(spec.url ?? '')
      : `${spec.endpoint ?? ''}/${spec.bucketName ?? ''}`;
  return { ...meta(obj), kind, path: spec.path, location, ...readiness(obj) };
}

export function slimWork(obj: any): SlimWork {
  const m = meta(obj);
  const spec = obj?.spec ?? {};
  return {
    ...m,
    namespace: shared.of(String(obj?.metadata?.namespace ?? '')),
    promiseName: shared.of(
      String(spec.promiseName ?? m.labels[PROMISE_NAME_LABEL] ?? ''),
    ),
    resourceName: shared.of(String(spec.resourceName ?? '')),
    workType: m.labels[WORK_TYPE_LABEL],
    pipelineName: m.labels[PIPELINE_NAME_LABEL],
    workloadGroups: Array.isArray(spec.workloadGroups)
      ? spec.workloadGroups.map((g: any) => ({
          id: shared.of(String(g?.id ?? '')),
          directory: shared.of(String(g?.directory ?? '.')),
          destinationSelectors: Array.isArray(g?.destinationSelectors)
            ? g.destinationSelectors.map((s: any) => ({
                matchLabels: shared.values(s?.matchLabels),
                source: shared.of(String(s?.source ?? '')),
              }))
            : [],
        }))
      : [],
    conditions: conditions(obj),
  };
}

export function slimWorkPlacement(obj: any): SlimWorkPlacement {
  const m = meta(obj);
  const spec = obj?.spec ?? {};
  const groupId = m.labels[WORKLOAD_GROUP_ID_LABEL] ?? spec.id;
  return {
    ...m,
    namespace: shared.of(String(obj?.metadata?.namespace ?? '')),
    workName: m.labels[WORK_LABEL],
    workloadGroupId:
      groupId === undefined ? undefined : shared.of(String(groupId)),
    pipelineName: m.labels[PIPELINE_NAME_LABEL],
    promiseName: shared.of(String(spec.promiseName ?? '')),
    resourceName: shared.of(
      String(spec.resourceName ?? m.labels[RESOURCE_NAME_LABEL] ?? ''),
    ),
    targetDestinationName: shared.of(String(spec.targetDestinationName ?? '')),
    shortId: groupId ? shared.of(String(groupId).slice(0, 5)) : undefined,
    conditions: conditions(obj),
    versionID: obj?.status?.versionID || undefined,
    finalizers: Array.isArray(obj?.metadata?.finalizers)
      ? obj.metadata.finalizers.map((f: unknown) => shared.of(String(f)))
      : [],
  };
}
