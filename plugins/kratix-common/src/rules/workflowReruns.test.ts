import type { WorkflowRun } from '../api/workflowTypes';
import { rerunProgress } from './workflowReruns';

const APPLIED = '2026-12-05T08:00:00.000Z';

function run(
  jobName: string,
  createdAt: string,
  outcome: WorkflowRun['outcome'],
  resource?: string,
  action = 'configure',
): WorkflowRun {
  const [namespace, name] = resource?.split('/') ?? [];
  return {
    id: `ns/${jobName}`,
    namespace: 'ns',
    jobName,
    promise: 'redis',
    workflowType: resource ? 'resource' : 'promise',
    action,
    pipeline: resource ? 'instance-configure' : 'promise-configure',
    resource: resource ? { namespace, name } : undefined,
    trigger: resource ? 'promise-updated' : 'input-changed',
    createdAt,
    outcome,
    containers: [],
  };
}

const effects = { promiseWorkflowRerun: true, resourceWorkflowsRerun: 2 };

describe('rerunProgress', () => {
  it('counts only the configure runs created since the update', () => {
    const p = rerunProgress(
      [
        run('old-promise', '2026-12-05T07:59:59Z', 'succeeded'),
        run('old-a', '2026-12-05T07:59:00Z', 'failed', 'team/a'),
        run('delete-b', '2026-12-05T08:00:03Z', 'running', 'team/b', 'delete'),
        run('new-promise', '2026-12-05T08:00:00Z', 'running'),
      ],
      APPLIED,
      effects,
    );
    expect(p.runs.map(r => r.jobName)).toEqual(['new-promise']);
    expect(p.promise.run?.jobName).toBe('new-promise');
    expect(p.resources).toEqual({
      expected: 2,
      started: 0,
      running: 0,
      succeeded: 0,
      failed: 0,
    });
    expect(p.done).toBe(false);
  });

  it('is done when the Promise run and every resource re-run have finished', () => {
    const p = rerunProgress(
      [
        run('p', '2026-12-05T08:00:01Z', 'succeeded'),
        run('a', '2026-12-05T08:00:20Z', 'succeeded', 'team/a'),
        run('b', '2026-12-05T08:00:21Z', 'failed', 'team/b'),
      ],
      APPLIED,
      effects,
    );
    expect(p.resources).toMatchObject({ started: 2, succeeded: 1, failed: 1 });
    expect(p.failed.map(r => r.jobName)).toEqual(['b']);
    expect(p.done).toBe(true);
  });

  it('keeps waiting while a resource re-run has not started or still runs', () => {
    const started = [
      run('p', '2026-12-05T08:00:01Z', 'succeeded'),
      run('a', '2026-12-05T08:00:20Z', 'succeeded', 'team/a'),
    ];
    expect(rerunProgress(started, APPLIED, effects).done).toBe(false);
    const running = [
      ...started,
      run('b', '2026-12-05T08:00:21Z', 'pending', 'team/b'),
    ];
    const p = rerunProgress(running, APPLIED, effects);
    expect(p.resources.running).toBe(1);
    expect(p.done).toBe(false);
  });

  it('counts the newest run per resource request (a retried request is one re-run)', () => {
    const p = rerunProgress(
      [
        run('a-1', '2026-12-05T08:00:10Z', 'failed', 'team/a'),
        run('a-2', '2026-12-05T08:00:40Z', 'succeeded', 'team/a'),
        run('b', '2026-12-05T08:00:12Z', 'succeeded', 'team/b'),
        run('p', '2026-12-05T08:00:01Z', 'succeeded'),
      ],
      APPLIED,
      effects,
    );
    expect(p.resources).toMatchObject({ started: 2, succeeded: 2, failed: 0 });
    expect(p.failed).toEqual([]);
    expect(p.done).toBe(true);
  });

  it('is done when the Promise workflow failed: Kratix re-runs no resource workflow after it', () => {
    const p = rerunProgress(
      [run('p', '2026-12-05T08:00:01Z', 'failed')],
      APPLIED,
      effects,
    );
    expect(p.done).toBe(true);
    expect(p.failed.map(r => r.jobName)).toEqual(['p']);
  });

  it('needs no Promise run when the Promise has no configure workflow', () => {
    const p = rerunProgress(
      [run('a', '2026-12-05T08:00:05Z', 'succeeded', 'team/a')],
      APPLIED,
      { promiseWorkflowRerun: false, resourceWorkflowsRerun: 1 },
    );
    expect(p.promise).toEqual({ expected: false, run: undefined });
    expect(p.done).toBe(true);
  });
});
