import { V1Job, V1Pod } from '@kubernetes/client-node';
import {
  jobOutcome,
  jobToRun,
  jobsToRuns,
  podContainers,
  runTrigger,
} from './jobToRun';

// Shapes as current Kratix and the Job controller write them on the local platform (labels from
// kratix: api/v1alpha1/pipeline_factory.go).
function job(
  name: string,
  opts: {
    hash?: string;
    created: string;
    resource?: string;
    conditions?: V1Job['status'];
  } = {
    created: '2026-12-04T10:00:00Z',
  },
): V1Job {
  return {
    metadata: {
      name,
      namespace: opts.resource ? 'default' : 'kratix-platform-system',
      uid: `uid-${name}`,
      creationTimestamp: new Date(opts.created),
      labels: {
        'kratix.io/promise-name': 'team-bucket',
        'kratix.io/workflow-type': opts.resource ? 'resource' : 'promise',
        'kratix.io/workflow-action': 'configure',
        'kratix.io/pipeline-name': opts.resource
          ? 'bucket-configure'
          : 'promise-configure',
        'kratix.io/hash': opts.hash ?? 'h1',
        ...(opts.resource ? { 'kratix.io/resource-name': opts.resource } : {}),
      },
    },
    status: opts.conditions,
  };
}

function pod(jobName: string, status: V1Pod['status']): V1Pod {
  return {
    metadata: {
      name: `${jobName}-abcde`,
      namespace: 'default',
      creationTimestamp: new Date('2026-12-04T10:00:01Z'),
      labels: { 'batch.kubernetes.io/job-name': jobName },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: jobName,
          uid: `uid-${jobName}`,
        },
      ],
    },
    spec: {
      initContainers: [
        { name: 'reader', image: 'a' },
        { name: 'render-bucket', image: 'w' },
        { name: 'work-writer', image: 'a' },
      ],
      containers: [{ name: 'status-writer', image: 'a' }],
    },
    status,
  };
}

const done = (name: string) => ({
  name,
  image: 'x',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode: 0, reason: 'Completed' } },
});

describe('jobToRun', () => {
  it('maps a succeeded resource run with Kratix and workflow containers', () => {
    const j = job('kratix-team-bucket-orders-bucket-configure-5e78b', {
      created: '2026-12-04T10:00:00Z',
      resource: 'orders',
      conditions: {
        startTime: new Date('2026-12-04T10:00:01Z'),
        completionTime: new Date('2026-12-04T10:00:07Z'),
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    });
    const p = pod(j.metadata!.name!, {
      phase: 'Succeeded',
      initContainerStatuses: ['reader', 'render-bucket', 'work-writer'].map(
        done,
      ),
      containerStatuses: [done('status-writer')],
    });
    const run = jobToRun(j, p);
    expect(run).toMatchObject({
      id: 'default/kratix-team-bucket-orders-bucket-configure-5e78b',
      promise: 'team-bucket',
      workflowType: 'resource',
      action: 'configure',
      pipeline: 'bucket-configure',
      resource: { namespace: 'default', name: 'orders' },
      trigger: 'first',
      outcome: 'succeeded',
      startedAt: '2026-12-04T10:00:01.000Z',
      finishedAt: '2026-12-04T10:00:07.000Z',
      pod: `${j.metadata!.name}-abcde`,
    });
    expect(run.failure).toBeUndefined();
    expect(run.containers.map(c => `${c.name}:${c.role}:${c.state}`)).toEqual([
      'reader:kratix:succeeded',
      'render-bucket:workflow:succeeded',
      'work-writer:kratix:succeeded',
      'status-writer:kratix:succeeded',
    ]);
  });

  it('names the failed container and the Job failure reason', () => {
    const j = job('kratix-team-bucket-bad-bucket-configure-1', {
      created: '2026-12-04T10:00:00Z',
      resource: 'bad',
      conditions: {
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
            lastTransitionTime: new Date('2026-12-04T10:00:05Z'),
          },
        ],
      },
    });
    const p = pod(j.metadata!.name!, {
      phase: 'Failed',
      initContainerStatuses: [
        done('reader'),
        {
          ...done('render-bucket'),
          state: { terminated: { exitCode: 3, reason: 'Error' } },
        },
        {
          ...done('work-writer'),
          state: { waiting: { reason: 'PodInitializing' } },
        },
      ],
    });
    const run = jobToRun(j, p);
    expect(run.outcome).toBe('failed');
    expect(run.finishedAt).toBe('2026-12-04T10:00:05.000Z');
    expect(run.failure).toEqual({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
      container: 'render-bucket',
    });
    expect(run.containers[1]).toMatchObject({
      state: 'failed',
      exitCode: 3,
      reason: 'Error',
    });
    expect(run.containers[2]).toMatchObject({
      state: 'waiting',
      reason: 'PodInitializing',
    });
  });

  it('counts a container waiting after a failure (crash loop, Kratix default OnFailure) as failed', () => {
    const p = pod('j', {
      phase: 'Pending',
      initContainerStatuses: [
        done('reader'),
        {
          ...done('render-bucket'),
          restartCount: 2,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 4, reason: 'Error' } },
        },
      ],
    });
    expect(podContainers(p)[1]).toMatchObject({
      state: 'failed',
      exitCode: 4,
      reason: 'CrashLoopBackOff',
      restarts: 2,
    });
  });

  it('is pending without a pod and running once its pod started', () => {
    const j = job('j', {
      created: '2026-12-04T10:00:00Z',
      conditions: { active: 1 },
    });
    expect(jobOutcome(j)).toBe('pending');
    expect(
      jobOutcome(j, pod('j', { phase: 'Pending', startTime: new Date() })),
    ).toBe('running');
  });
});

describe('runTrigger and jobsToRuns', () => {
  it('tells a re-run with the same input from a run after the input changed', () => {
    const a = job('a', { created: '2026-12-04T10:00:00Z', hash: 'h1' });
    const b = job('b', { created: '2026-12-04T10:01:00Z', hash: 'h1' });
    const c = job('c', { created: '2026-12-04T10:02:00Z', hash: 'h2' });
    expect(runTrigger(a)).toBe('first');
    expect(runTrigger(b, a)).toBe('rerun');
    expect(runTrigger(c, b)).toBe('input-changed');
  });

  it('lists newest first, with triggers per pipeline and object', () => {
    const runs = jobsToRuns(
      [
        job('p2', { created: '2026-12-04T10:05:00Z', hash: 'h1' }),
        job('r1', {
          created: '2026-12-04T10:01:00Z',
          hash: 'x',
          resource: 'orders',
        }),
        job('p1', { created: '2026-12-04T10:00:00Z', hash: 'h1' }),
        job('s1', {
          created: '2026-12-04T10:02:00Z',
          hash: 'y',
          resource: 'analytics',
        }),
        job('r2', {
          created: '2026-12-04T10:06:00Z',
          hash: 'x',
          resource: 'orders',
        }),
      ],
      [],
    );
    expect(runs.map(r => `${r.jobName}:${r.trigger}`)).toEqual([
      'r2:rerun',
      'p2:rerun',
      's1:first',
      'r1:first',
      'p1:first',
    ]);
  });
});
