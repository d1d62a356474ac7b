import {
  SlimDestination,
  SlimPromise,
  SlimStateStore,
  SlimWork,
  SlimWorkPlacement,
} from '../model/objects';

/**
 * A slim Promise with one `destinationSelectors` entry per given label set: generation 1, one
 * dependency, no resource API and no workflows unless `extra` gives them.
 *
 * @public
 */
export function aPromise(
  name: string,
  selectors: Array<Record<string, string>>,
  extra: Partial<Omit<SlimPromise, 'status'>> & {
    status?: Partial<SlimPromise['status']>;
  } = {},
): SlimPromise {
  const { status, ...rest } = extra;
  return {
    name,
    uid: `uid-${name}`,
    resourceVersion: '1',
    labels: {},
    annotations: {},
    generation: 1,
    destinationSelectors: selectors.map(matchLabels => ({ matchLabels })),
    dependencyCount: 1,
    workflows: { promiseConfigure: [], resourceConfigure: [] },
    ...rest,
    status: { conditions: [], ...status },
  };
}

/**
 * A slim Destination for unit tests of pure rules: ready, not strict, in the `local` GitStateStore.
 *
 * @public
 */
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

/**
 * A slim, ready GitStateStore named `local` for unit tests.
 *
 * @public
 */
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

/**
 * The workload group id Kratix gives a Work's default group (the fixtures' Works use it).
 *
 * @public
 */
export const DEFAULT_GROUP_ID = '5058f1af8388633f609cadb75a75dc9d';

/**
 * A slim Work of Promise `redis` with one workload group holding the given selectors.
 *
 * @public
 */
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

/**
 * A slim WorkPlacement of a Work on a Destination, labelled as current Kratix labels it.
 *
 * @public
 */
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
