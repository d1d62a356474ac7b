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

export const sha = (s: string) => createHash('sha1').update(s).digest('hex');
/** Kratix's 5-character name suffix (GenerateObjectName), deterministic here. */
export const suffix5 = (s: string) =>
  createHash('md5').update(s).digest('hex').slice(0, 5);

/** A fixed "now" for timestamps, so misplacement ages spread over the last day. */
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
export const at = (secondsAgo: number) =>
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

export function dependencies(promise: string) {
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
