/*
 * Kratix objects shaped exactly as Kratix v0.125.0 writes them (docs/kratix-v0.125.0.md §1-§2):
 * names, labels, finalizers, owner references, spec and status. `status` is returned separately:
 * it is a subresource, written with a second request like the Kratix manager does.
 */
import { createHash } from 'node:crypto';
import {
  BIG_PROMISE,
  PromisePlan,
  RESOURCE_PIPELINE,
  STATE_STORE,
} from './layout';

export const GROUP = 'platform.kratix.io';
export const API_VERSION = `${GROUP}/v1alpha1`;
export const SYSTEM_NAMESPACE = 'kratix-platform-system';
/** md5(".") — the default workload group's id (controllers/shared.go, lib/hash/hasher.go). */
export const DEFAULT_GROUP_ID = createHash('md5').update('.').digest('hex');
export const SHORT_ID = DEFAULT_GROUP_ID.slice(0, 5);
export const WP_FINALIZER = 'finalizers.workplacement.kratix.io/repo-cleanup';
export const MISSCHEDULED_LABEL = 'kratix.io/misscheduled';

/** The big Promise's resource API (Kratix creates this CRD from `spec.api`). */
export const RESOURCE_API = {
  group: 'bench.kratix.io',
  version: 'v1alpha1',
  kind: 'BenchApp',
  plural: 'benchapps',
};

export interface Shaped {
  body: any;
  status?: any;
}

const sha = (s: string) => createHash('sha1').update(s).digest('hex');
/** Kratix's 5-character name suffix (GenerateObjectName), deterministic here. */
export const suffix5 = (s: string) =>
  createHash('md5').update(s).digest('hex').slice(0, 5);

/** A fixed "now" for timestamps, so misplacement ages spread over the last day. */
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const at = (secondsAgo: number) =>
  new Date(T0 - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function gitStateStore(): Shaped[] {
  return [
    {
      body: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'bench-git', namespace: SYSTEM_NAMESPACE },
        stringData: { username: 'kratix', password: 'bench-unused' },
      },
    },
    {
      body: {
        apiVersion: API_VERSION,
        kind: 'GitStateStore',
        metadata: { name: STATE_STORE },
        spec: {
          url: 'https://git.example.com/platform/state.git',
          branch: 'main',
          secretRef: { name: 'bench-git', namespace: SYSTEM_NAMESPACE },
        },
      },
    },
  ];
}

/** v0.125.0 Destinations have no status. */
export function destination(
  name: string,
  labels: Record<string, string>,
): Shaped {
  return {
    body: {
      apiVersion: API_VERSION,
      kind: 'Destination',
      metadata: { name, labels },
      spec: {
        path: 'destinations',
        stateStoreRef: { kind: 'GitStateStore', name: STATE_STORE },
      },
    },
  };
}

function dependencies(promise: string) {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `${promise}-system` },
    },
  ];
}

function crdOf() {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${RESOURCE_API.plural}.${RESOURCE_API.group}` },
    spec: {
      group: RESOURCE_API.group,
      scope: 'Namespaced',
      names: {
        plural: RESOURCE_API.plural,
        singular: 'benchapp',
        kind: RESOURCE_API.kind,
      },
      versions: [
        {
          name: RESOURCE_API.version,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: { size: { type: 'string' } },
                },
              },
            },
          },
        },
      ],
    },
  };
}

/** The CRD Kratix's Promise controller creates from `spec.api` (plus its status field). */
export function resourceCrd(): Shaped {
  const crd: any = crdOf();
  const version = crd.spec.versions[0];
  version.schema.openAPIV3Schema.properties.status = {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  };
  version.subresources = { status: {} };
  crd.metadata.labels = { 'kratix.io/promise-name': BIG_PROMISE };
  return { body: crd };
}

export function promise(p: PromisePlan): Shaped {
  const spec: any = {
    destinationSelectors: [{ matchLabels: { pool: `p${p.pool}` } }],
    dependencies: dependencies(p.name),
  };
  const finalizers = ['kratix.io/dependencies-cleanup'];
  if (p.hasApi) {
    spec.api = crdOf();
    spec.workflows = {
      resource: {
        configure: [
          {
            apiVersion: API_VERSION,
            kind: 'Pipeline',
            metadata: { name: RESOURCE_PIPELINE },
            spec: {
              containers: [
                {
                  name: 'configure',
                  image: 'ghcr.io/example/bench-app-configure:v1',
                },
              ],
            },
          },
        ],
      },
    };
    finalizers.unshift(
      'kratix.io/api-crd-cleanup',
      'kratix.io/dynamic-controller-dependant-resources-cleanup',
    );
    finalizers.push('kratix.io/resource-request-cleanup');
  }
  const status: any = {
    conditions: [
      {
        lastTransitionTime: at(86_400),
        message: 'Requirements fulfilled',
        reason: 'RequirementsInstalled',
        status: 'True',
        type: 'RequirementsFulfilled',
      },
    ],
    observedGeneration: 1,
    status: 'Available',
  };
  if (p.hasApi)
    Object.assign(status, {
      apiVersion: `${RESOURCE_API.group}/${RESOURCE_API.version}`,
      kind: RESOURCE_API.kind,
    });
  return {
    body: {
      apiVersion: API_VERSION,
      kind: 'Promise',
      metadata: {
        name: p.name,
        finalizers,
        annotations: { 'backstage.io/owner': 'group:default/platform-team' },
      },
      spec,
    },
    status,
  };
}

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
  work: {
    metadata: {
      name: string;
      namespace: string;
      uid: string;
      labels: Record<string, string>;
    };
    spec: any;
  },
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
