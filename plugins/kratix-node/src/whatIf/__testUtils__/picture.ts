import {
  KratixGeneration,
  SlimDestination,
  SlimPromise,
  SlimWork,
  SlimWorkPlacement,
  WorkloadGroupSelector,
} from '@kratix-backstage/plugin-kratix-common';
import {
  aPromise as aSlimPromise,
  aDestination,
  aStateStore,
  aWork,
  aWorkPlacement,
} from '@kratix-backstage/plugin-kratix-common/testUtils';
import { ProposedPromiseSpec, WhatIfPicture } from '../types';

export { aDestination, aStateStore, aWork, aWorkPlacement };

/** A Promise with a resource API and one pipeline per workflow (generation 2). */
export function aPromise(
  name: string,
  selectors: Array<Record<string, string>>,
  extra: Partial<SlimPromise> = {},
): SlimPromise {
  return aSlimPromise(name, selectors, {
    generation: 2,
    api: {
      group: 'example.org',
      kind: name,
      plural: `${name}s`,
      versions: ['v1'],
    },
    workflows: {
      promiseConfigure: ['promise-configure'],
      resourceConfigure: ['instance-configure'],
    },
    ...extra,
  });
}

export const promiseSel = (
  matchLabels: Record<string, string>,
): WorkloadGroupSelector => ({
  matchLabels,
  source: 'promise',
});
export const resourceWf = (
  matchLabels: Record<string, string>,
): WorkloadGroupSelector => ({
  matchLabels,
  source: 'resource-workflow',
});
export const promiseWf = (
  matchLabels: Record<string, string>,
): WorkloadGroupSelector => ({
  matchLabels,
  source: 'promise-workflow',
});

export function staticDepsWork(
  promise: string,
  selectors: WorkloadGroupSelector[],
): SlimWork {
  return aWork(`${promise}-static-deps-abcde`, selectors, {
    promiseName: promise,
    workType: 'static-dependency',
    labels: {
      'kratix.io/promise-name': promise,
      'kratix.io/work-type': 'static-dependency',
    },
  });
}

export function promiseWorkflowWork(
  promise: string,
  selectors: WorkloadGroupSelector[],
): SlimWork {
  return aWork(`${promise}-promise-configure-fghij`, selectors, {
    promiseName: promise,
    workType: 'promise',
    pipelineName: 'promise-configure',
  });
}

export function resourceWork(
  promise: string,
  resource: string,
  selectors: WorkloadGroupSelector[],
  extra: Partial<SlimWork> = {},
): SlimWork {
  return aWork(`${promise}-${resource}-instance-configure-klmno`, selectors, {
    namespace: 'default',
    promiseName: promise,
    resourceName: resource,
    workType: 'resource',
    pipelineName: 'instance-configure',
    ...extra,
  });
}

export const MISPLACED = { 'kratix.io/misplaced': 'true' };

export function misplacedWp(
  work: SlimWork,
  destination: string,
): SlimWorkPlacement {
  return aWorkPlacement(work, destination, {
    labels: { 'kratix.io/work': work.name, ...MISPLACED },
  });
}

export function picture(
  parts: Partial<WhatIfPicture> & { destinations: SlimDestination[] },
  generation: KratixGeneration = 'current',
): WhatIfPicture {
  return {
    generation,
    promises: [],
    works: [],
    workPlacements: [],
    stateStores: [aStateStore()],
    ...parts,
  };
}

export function proposal(
  selectors: Array<Record<string, string>>,
  extra: Partial<ProposedPromiseSpec> = {},
): ProposedPromiseSpec {
  return {
    destinationSelectors: selectors.map(matchLabels => ({ matchLabels })),
    dependencyCount: 1,
    ...extra,
  };
}
