import type {
  CleanupPreflightResponse,
  HistoryResponse,
  MatrixResponse,
  WhatIfResponse,
} from '@kratix-backstage/plugin-kratix-common';
import { meta, targeting } from './fixtures';

/** Answers of the write-side and overview routes: cleanup preflight, history, matrix, what-if, manifest. */
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
