/*
 * The Works, WorkPlacements and resource requests of the bench platform, shaped exactly as
 * Kratix v0.125.0 writes them (docs/kratix-v0.125.0.md §1-§2); the platform objects they hang
 * from are in shapes.ts.
 */
import { BIG_PROMISE, PromisePlan, RESOURCE_PIPELINE } from './layout';
import {
  API_VERSION,
  DEFAULT_GROUP_ID,
  MISSCHEDULED_LABEL,
  RESOURCE_API,
  SHORT_ID,
  SYSTEM_NAMESPACE,
  Shaped,
  WP_FINALIZER,
  at,
  dependencies,
  sha,
  suffix5,
} from './shapes';

function workStatus(misscheduled: boolean) {
  return {
    conditions: [
      {
        type: 'Scheduled',
        lastTransitionTime: at(86_400),
        status: 'True',
        message: 'All WorkloadGroups scheduled to Destination(s)',
        reason: 'ScheduledToDestinations',
      },
      misscheduled
        ? {
            type: 'Misscheduled',
            lastTransitionTime: at(3_600),
            status: 'True',
            message: `WorkloadGroup(s) not scheduled to correct Destination(s): [${DEFAULT_GROUP_ID}]`,
            reason: 'ScheduledToIncorrectDestinations',
          }
        : {
            type: 'Misscheduled',
            lastTransitionTime: at(86_400),
            status: 'False',
            message:
              'WorkGroups that have been scheduled are at the correct Destination(s)',
            reason: 'ScheduledToCorrectDestinations',
          },
    ],
  };
}

/** What a WorkPlacement needs of its Work. */
export type WorkRef = {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    labels: Record<string, string>;
  };
  spec: any;
};

/** NewPromiseDependenciesWork (api/v1alpha1/work_types.go:68-108). */
export function staticDependencyWork(
  p: PromisePlan,
  misscheduled: boolean,
): Shaped {
  const content = dependencies(p.name)
    .map(
      d =>
        `apiVersion: ${d.apiVersion}\nkind: ${d.kind}\nmetadata:\n  name: ${d.metadata.name}\n`,
    )
    .join('---\n');
  return {
    body: {
      apiVersion: API_VERSION,
      kind: 'Work',
      metadata: {
        name: `${p.name}-static-deps-${suffix5(p.name)}`,
        namespace: SYSTEM_NAMESPACE,
        labels: {
          'kratix.io/promise-name': p.name,
          'kratix.io/work-type': 'static-dependency',
        },
        finalizers: ['kratix.io/work-cleanup'],
      },
      spec: {
        promiseName: p.name,
        workloadGroups: [
          {
            id: DEFAULT_GROUP_ID,
            directory: '.',
            workloads: [
              { filepath: `static/${p.name}-dependencies.yaml`, content },
            ],
            destinationSelectors: [
              { matchLabels: { pool: `p${p.pool}` }, source: 'promise' },
            ],
          },
        ],
      },
    },
    status: workStatus(misscheduled),
  };
}

/** What the work-creator writes for one resource request (work-creator/pipeline/work_creator.go). */
export function resourceWork(
  promiseName: string,
  pool: number,
  r: { namespace: string; name: string; region: number; misplaced: boolean },
): Shaped {
  return {
    body: {
      apiVersion: API_VERSION,
      kind: 'Work',
      metadata: {
        name: `${promiseName}-${r.name}-${suffix5(`${r.namespace}/${r.name}`)}`,
        namespace: r.namespace,
        labels: {
          'kratix.io/promise-name': promiseName,
          'kratix.io/resource-name': r.name,
          'kratix.io/work-type': 'resource',
          'kratix.io/pipeline-name': RESOURCE_PIPELINE,
        },
        finalizers: ['kratix.io/work-cleanup'],
      },
      spec: {
        promiseName,
        resourceName: r.name,
        workloadGroups: [
          {
            id: DEFAULT_GROUP_ID,
            directory: '.',
            workloads: [
              {
                filepath: 'app.yaml',
                content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${r.name}\n  namespace: ${r.namespace}\ndata:\n  size: small\n  region: r${r.region}\n`,
              },
            ],
            destinationSelectors: [
              {
                matchLabels: { region: `r${r.region}` },
                source: 'resource-workflow',
              },
              { matchLabels: { pool: `p${pool}` }, source: 'promise' },
            ],
          },
        ],
      },
    },
    status: workStatus(r.misplaced),
  };
}

/** A resource request of the big Promise, with the labels and finalizers Kratix adds to it. */
export function resourceRequest(r: {
  namespace: string;
  name: string;
}): Shaped {
  return {
    body: {
      apiVersion: `${RESOURCE_API.group}/${RESOURCE_API.version}`,
      kind: RESOURCE_API.kind,
      metadata: {
        name: r.name,
        namespace: r.namespace,
        labels: { 'kratix.io/promise-name': BIG_PROMISE },
        finalizers: [
          'kratix.io/work-cleanup',
          'kratix.io/workflows-cleanup',
          'kratix.io/delete-workflows',
        ],
      },
      spec: { size: 'small' },
    },
  };
}

/**
 * applyWorkplacementsForTargetDestinations (controllers/scheduler.go:312-354) plus the status the
 * scheduler (Misscheduled condition) and the WorkPlacement controller (versionID) write.
 */
export function workPlacement(
  work: WorkRef,
  destinationName: string,
  misscheduled: boolean,
  ageSeconds: number,
  extraLabels: Record<string, string> = {},
): Shaped {
  const group = work.spec.workloadGroups[0];
  const labels: Record<string, string> = {
    'kratix.io/work': work.metadata.name,
    'kratix.io/workload-group-id': group.id,
    'kratix.io/pipeline-name':
      work.metadata.labels['kratix.io/pipeline-name'] ?? '',
    ...extraLabels,
  };
  if (misscheduled) labels[MISSCHEDULED_LABEL] = 'true';
  const spec: any = {
    targetDestinationName: destinationName,
    workloads: group.workloads,
    promiseName: work.spec.promiseName,
    id: group.id,
  };
  if (work.spec.resourceName) spec.resourceName = work.spec.resourceName;
  const name = `${work.metadata.name}.${destinationName}-${SHORT_ID}`;
  const status: any = { versionID: sha(`${work.metadata.namespace}/${name}`) };
  if (misscheduled) {
    status.conditions = [
      {
        message: 'Target destination no longer matches destinationSelectors',
        reason: 'DestinationSelectorMismatch',
        type: 'Misscheduled',
        status: 'True',
        lastTransitionTime: at(ageSeconds),
      },
    ];
  }
  return {
    body: {
      apiVersion: API_VERSION,
      kind: 'WorkPlacement',
      metadata: {
        name,
        namespace: work.metadata.namespace,
        labels,
        finalizers: [WP_FINALIZER],
        ownerReferences: [
          {
            apiVersion: API_VERSION,
            kind: 'Work',
            name: work.metadata.name,
            uid: work.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec,
    },
    status,
  };
}
