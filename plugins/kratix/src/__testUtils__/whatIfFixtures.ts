import type { WhatIfResponse } from '@kratix-backstage/plugin-kratix-common';
import { whatIf } from './writeFixtures';
import { targeting } from './fixtures';

const deps = targeting.workloadGroups[0];
const counts = {
  ...whatIf.summary,
  destinationsGained: 1,
  destinationsLost: 1,
  workPlacementsMisplaced: 1,
  workPlacementsUnmisplaced: 1,
};

/** The what-if of moving redis (fixtures.targeting) from environment=dev to environment=prod. */
export const moveToProd: WhatIfResponse = {
  ...whatIf,
  summary: { ...counts, workflowsRerun: 1 },
  promises: [
    {
      promise: 'redis',
      destinationsGained: ['worker-prod'],
      destinationsLost: ['worker-dev'],
      counts,
      newResources: {
        selector: { environment: 'prod', zone: 'eu' },
        candidates: ['worker-prod'],
        gained: ['worker-prod'],
        lost: ['worker-dev'],
      },
    },
  ],
  matchChanges: [
    {
      before: deps.matchLabels,
      after: { environment: 'prod', zone: 'eu' },
      destinationsGained: ['worker-prod'],
      destinationsLost: ['worker-dev'],
      matchesBefore: 1,
      matchesAfter: 1,
      groups: 1,
      promises: ['redis'],
    },
  ],
  groups: [
    {
      work: { promise: 'redis', ...deps.work, kind: 'static-dependency' },
      groupId: deps.groupId,
      directory: '.',
      when: 'immediate',
      assumedUnchangedUntilWorkflowRuns: false,
      before: { matchLabels: deps.matchLabels, sourceOf: deps.sourceOf },
      after: {
        matchLabels: { environment: 'prod', zone: 'eu' },
        sourceOf: deps.sourceOf,
      },
      selectorChanged: true,
      matchChange: 0,
      destinationsGained: 1,
      destinationsLost: 1,
      workPlacementsCreated: [],
      workPlacementsMisplaced: [
        {
          namespace: deps.work.namespace,
          name: 'redis.worker-dev-5058f',
          destination: 'worker-dev',
        },
      ],
      workPlacementsUnmisplaced: [
        {
          namespace: deps.work.namespace,
          name: 'redis.worker-prod-5058f',
          destination: 'worker-prod',
        },
      ],
      workPlacementsDeleted: [],
      resourcesOnExcludedDestinations: [],
      resourcesRescheduled: [],
    },
  ],
};
