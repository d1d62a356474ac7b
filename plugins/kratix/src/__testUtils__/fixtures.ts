import type {
  CleanupPreflightResponse,
  HistoryResponse,
  MatrixResponse,
  MisplacedListResponse,
  PromiseResponse,
  PromiseTargetingResponse,
  ReadMeta,
  WhatIfResponse,
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

export const preflight: CleanupPreflightResponse = {
  platform: 'prod',
  deletable: 2,
  blocked: 1,
  items: [
    {
      found: true,
      namespace: 'kratix-platform-system',
      name: 'wp-a',
      uid: 'uid-wp-a',
      resourceVersion: '7',
      generation: 2,
      destination: 'worker-prod',
      misplaced: true,
      blocked: false,
      files: {
        kind: 'removed',
        path: 'destinations/worker-prod/dependencies/redis/instance-configure/5058f',
      },
      destroysFilesOf: [],
      afterDelete: { kind: 'not-recreated' },
      notes: [],
    },
    {
      found: true,
      namespace: 'team-a',
      name: 'wp-b',
      uid: 'uid-wp-b',
      resourceVersion: '7',
      generation: 2,
      destination: 'worker-gone',
      misplaced: true,
      blocked: false,
      files: {
        kind: 'stay',
        path: "<former Destination worker-gone's directory>/resources/team-a",
      },
      destroysFilesOf: [],
      afterDelete: {
        kind: 'rescheduled',
        candidates: ['worker-dev', 'worker-eu'],
      },
      notes: ['Destination worker-gone no longer exists'],
    },
    {
      found: true,
      namespace: 'kratix-platform-system',
      name: 'wp-c',
      uid: 'uid-wp-c',
      resourceVersion: '7',
      generation: 2,
      destination: 'worker-s3',
      misplaced: true,
      blocked: true,
      blockReason: 'State store BucketStateStore/s3 is not Ready',
      files: {
        kind: 'pending',
        path: 'destinations/worker-s3/dependencies/redis',
      },
      destroysFilesOf: [],
      afterDelete: { kind: 'not-recreated' },
      notes: [],
    },
    { found: false, namespace: 'kratix-platform-system', name: 'wp-gone' },
  ],
};

export const history: HistoryResponse = {
  platform: 'prod',
  promise: 'redis',
  items: [
    {
      id: 'h1',
      at: '2026-01-02T09:00:00Z',
      platform: 'prod',
      promise: 'redis',
      actor: 'user:default/alice',
      action: 'promise.update',
      outcome: 'succeeded',
      summary: 'destinationSelectors changed',
      details: { diff: '- environment: dev\n+ environment: prod' },
    },
    {
      id: 'h2',
      at: '2026-01-03T09:00:00Z',
      platform: 'prod',
      promise: 'redis',
      actor: 'user:default/bob',
      action: 'workplacement.delete',
      outcome: 'refused',
      summary: 'wp-c refused: blocked',
      details: { name: 'wp-c' },
    },
  ],
};

export const matrix: MatrixResponse = {
  ...meta,
  promises: ['postgres', 'redis'],
  destinations: ['worker-dev', 'worker-prod'],
  cells: [
    {
      promise: 'redis',
      destination: 'worker-dev',
      workPlacements: 2,
      misplaced: 0,
      targeted: true,
    },
    {
      promise: 'redis',
      destination: 'worker-prod',
      workPlacements: 1,
      misplaced: 1,
      targeted: false,
    },
    {
      promise: 'postgres',
      destination: 'worker-prod',
      workPlacements: 0,
      misplaced: 0,
      targeted: true,
    },
  ],
};

export const whatIf: WhatIfResponse = {
  kind: 'promise',
  generation: 'current',
  promise: 'redis',
  changed: true,
  summary: {
    destinationsGained: 0,
    destinationsLost: 1,
    workPlacementsCreated: 0,
    workPlacementsMisplaced: 1,
    workPlacementsUnmisplaced: 0,
    workPlacementsDeleted: 0,
    resourcesOnExcludedDestinations: 0,
    resourcesRescheduled: 0,
    resourceGroupsBecomingSchedulable: 0,
    worksCreated: 0,
    worksDeleted: 0,
    deferred: 0,
    groupsAffected: 1,
    groupsAssumedUnchanged: 0,
    workflowsRerun: 1,
  },
  warnings: [],
  promises: [],
  matchChanges: [],
  groups: [],
  groupsOmitted: 0,
  notes: [],
  markdown:
    '### What-if: Promise `redis` spec change\n\n- Marked misplaced, kept (files still written): `kratix-platform-system/redis.worker-dev-5058f` on worker-dev\n',
};

export const manifest = {
  apiVersion: 'platform.kratix.io/v1alpha1',
  kind: 'Promise',
  metadata: { name: 'redis' },
  spec: {
    destinationSelectors: targeting.selectors.entries,
    dependencies: [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'redis-system' },
      },
    ],
  },
};
