import type {
  MisplacedListResponse,
  PromiseResponse,
  PromiseTargetingResponse,
  ReadMeta,
  WorkPlacementView,
} from '@kratix-backstage/plugin-kratix-common';
import type { Entity } from '@backstage/catalog-model';

export const promiseEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'redis',
    namespace: 'default',
    annotations: {
      'kratix.io/promise-name': 'redis',
      'kratix.io/platform': 'prod',
    },
  },
  spec: {
    type: 'kratix-promise',
    owner: 'platform-team',
    lifecycle: 'production',
  },
};

export const meta: ReadMeta = {
  platform: 'prod',
  generation: 'current',
  stale: false,
};

export const staleMeta: ReadMeta = {
  platform: 'prod',
  generation: 'current',
  stale: true,
  staleSince: '2026-01-01T10:00:00Z',
  staleReason: 'connect ECONNREFUSED 10.0.0.1:6443',
};

export const targeting: PromiseTargetingResponse = {
  ...meta,
  promise: 'redis',
  resourceVersion: '100',
  selectors: {
    entries: [
      { matchLabels: { environment: 'dev' } },
      { matchLabels: { environment: 'prod', zone: 'eu' } },
    ],
    matchLabels: { environment: 'dev', zone: 'eu' },
    entryOf: { environment: 0, zone: 1 },
    conflicts: [
      {
        key: 'environment',
        ignoredValue: 'prod',
        keptValue: 'dev',
        ignoredFrom: 'destinationSelectors[1]',
        keptFrom: 'destinationSelectors[0]',
      },
    ],
  },
  destinations: [
    {
      name: 'worker-dev',
      labels: { environment: 'dev', zone: 'eu' },
      strictMatchLabels: false,
      deleting: false,
      ready: 'True',
      stateStore: {
        kind: 'GitStateStore',
        name: 'local',
        exists: true,
        ready: 'True',
      },
      matched: true,
      reasons: [],
      reasonTexts: [],
      workPlacements: 2,
      misplaced: 0,
    },
    {
      name: 'worker-prod',
      labels: { environment: 'prod', zone: 'eu' },
      strictMatchLabels: false,
      deleting: false,
      ready: 'False',
      readyMessage: 'state store not reachable',
      stateStore: {
        kind: 'BucketStateStore',
        name: 's3',
        exists: true,
        ready: 'False',
        readyMessage: 'bucket missing',
      },
      matched: false,
      reasons: [
        {
          type: 'different-value',
          key: 'environment',
          expected: 'dev',
          actual: 'prod',
        },
      ],
      reasonTexts: ['label environment is "prod", selector wants "dev"'],
      workPlacements: 1,
      misplaced: 1,
    },
    {
      name: 'worker-old',
      labels: {},
      strictMatchLabels: false,
      deleting: false,
      ready: 'Unknown',
      matched: false,
      reasons: [{ type: 'missing-label', key: 'environment', expected: 'dev' }],
      reasonTexts: [],
      workPlacements: 0,
      misplaced: 0,
    },
  ],
  workloadGroups: [
    {
      work: {
        namespace: 'kratix-platform-system',
        name: 'redis-static-deps-abcde',
      },
      kind: 'dependency',
      resourceName: '',
      groupId: '5058f1af8388633f609cadb75a75dc9d',
      directory: '.',
      matchLabels: { environment: 'dev', zone: 'eu' },
      sourceOf: { environment: 'promise', zone: 'promise' },
      conflicts: [],
      fromWorkflow: false,
      matching: ['worker-dev'],
      placedOn: ['worker-dev', 'worker-prod'],
    },
    {
      work: { namespace: 'team-a', name: 'redis-cache-configure-xyz12' },
      kind: 'resource',
      resourceName: 'cache',
      groupId: 'aaaaa1',
      directory: 'extra',
      matchLabels: { tier: 'gold' },
      sourceOf: { tier: 'resource-workflow' },
      conflicts: [
        {
          key: 'tier',
          ignoredValue: 'silver',
          keptValue: 'gold',
          ignoredFrom: 'resource-workflow',
          keptFrom: 'promise',
        },
      ],
      fromWorkflow: true,
      matching: [],
      placedOn: ['worker-dev'],
    },
  ],
  workloadGroupsTotal: 2,
  workloadGroupsOffset: 0,
  workloadGroupsLimit: 100,
  problems: [],
};

export function aMisplaced(
  name: string,
  extra: Partial<WorkPlacementView> = {},
): WorkPlacementView {
  return {
    namespace: 'kratix-platform-system',
    name,
    uid: `uid-${name}`,
    resourceVersion: '7',
    promiseName: 'redis',
    workName: 'redis-static-deps-abcde',
    workloadGroupId: '5058f1af8388633f609cadb75a75dc9d',
    pipelineName: 'instance-configure',
    resourceName: '',
    kind: 'dependency',
    destination: 'worker-prod',
    conditions: [],
    deleting: false,
    misplaced: true,
    misplacedLabel: 'kratix.io/misplaced',
    misplacedSince: new Date(Date.now() - 3 * 3600 * 1000).toISOString(),
    destinationExists: true,
    destinationStillMatches: false,
    labelIsStale: false,
    reasons: [],
    ...extra,
  };
}

export function misplacedPage(
  items: WorkPlacementView[],
  extra: Partial<MisplacedListResponse> = {},
): MisplacedListResponse {
  return {
    ...meta,
    items,
    total: items.length,
    offset: 0,
    limit: 25,
    ...extra,
  };
}

export const promiseResponse: PromiseResponse = {
  ...meta,
  promise: {
    name: 'redis',
    uid: 'uid-redis',
    resourceVersion: '100',
    generation: 4,
    deleting: false,
    labels: {},
    annotations: {},
    selectors: targeting.selectors,
    targetedDestinations: ['worker-dev'],
    works: 2,
    resources: 1,
    workPlacements: 3,
    misplaced: 1,
  },
};
