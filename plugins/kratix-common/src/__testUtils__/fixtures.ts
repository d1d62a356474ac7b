import {
  SlimDestination,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
} from '../model/objects';

/** Builders for slim objects in unit tests of pure rules (shared by the plugins' unit tests). */
export function aDestination(
  name: string,
  labels: Record<string, string>,
  extra: Partial<SlimDestination> = {},
): SlimDestination {
  return {
    name,
    uid: `uid-${name}`,
    resourceVersion: '1',
    labels,
    path: 'destinations',
    stateStoreRef: { kind: 'GitStateStore', name: 'local' },
    strictMatchLabels: false,
    ready: 'True',
    ...extra,
  };
}

export function aStateStore(
  extra: Partial<SlimStateStore> = {},
): SlimStateStore {
  return {
    name: 'local',
    uid: 'uid-store',
    resourceVersion: '1',
    labels: {},
    kind: 'GitStateStore',
    location: 'https://git.example/state.git',
    ready: 'True',
    ...extra,
  };
}

export const DEFAULT_GROUP_ID = '5058f1af8388633f609cadb75a75dc9d';

export function aWork(
  name: string,
  selectors: SlimWork['workloadGroups'][number]['destinationSelectors'],
  extra: Partial<SlimWork> = {},
): SlimWork {
  return {
    name,
    uid: `uid-${name}`,
    resourceVersion: '1',
    labels: {},
    namespace: 'kratix-platform-system',
    promiseName: 'redis',
    resourceName: '',
    workloadGroups: [
      { id: DEFAULT_GROUP_ID, directory: '.', destinationSelectors: selectors },
    ],
    conditions: [],
    ...extra,
  };
}

export function aWorkPlacement(
  work: SlimWork,
  destination: string,
  extra: Partial<SlimWorkPlacement> = {},
): SlimWorkPlacement {
  return {
    name: `${work.name}.${destination}-5058f`,
    uid: `uid-${work.name}-${destination}`,
    resourceVersion: '7',
    // Current Kratix labels every WorkPlacement it schedules with its Destination.
    labels: {
      'kratix.io/work': work.name,
      'kratix.io/targetDestinationName': destination,
    },
    namespace: work.namespace,
    workName: work.name,
    workloadGroupId: DEFAULT_GROUP_ID,
    pipelineName: work.pipelineName ?? '',
    promiseName: work.promiseName,
    resourceName: work.resourceName,
    targetDestinationName: destination,
    shortId: '5058f',
    conditions: [],
    finalizers: ['finalizers.workplacement.kratix.io/repo-cleanup'],
    ...extra,
  };
}
