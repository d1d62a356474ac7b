import type { WorkflowRun } from '@kratix-backstage/plugin-kratix-common';
import { act, screen } from '@testing-library/react';
import { WORKFLOWS_POLL_MS } from '../../hooks/useWorkflowRuns';
import { mockKratixApi, renderKratix } from '../../__testUtils__/testApp';
import { WorkflowRerunsPanel } from './WorkflowRerunsPanel';

const APPLIED = '2026-12-05T08:00:00.000Z';

const promiseRun = (outcome: WorkflowRun['outcome']): WorkflowRun => ({
  id: 'kratix-platform-system/kratix-redis-promise-configure-2',
  namespace: 'kratix-platform-system',
  jobName: 'kratix-redis-promise-configure-2',
  promise: 'redis',
  workflowType: 'promise',
  action: 'configure',
  pipeline: 'promise-configure',
  trigger: 'input-changed',
  createdAt: '2026-12-05T08:00:01Z',
  outcome,
  containers: [],
});
const resourceRun = (
  name: string,
  outcome: WorkflowRun['outcome'],
): WorkflowRun => ({
  ...promiseRun(outcome),
  id: `default/kratix-redis-${name}-configure`,
  namespace: 'default',
  jobName: `kratix-redis-${name}-configure`,
  workflowType: 'resource',
  pipeline: 'instance-configure',
  resource: { namespace: 'default', name },
  trigger: 'promise-updated',
  createdAt: '2026-12-05T08:00:20Z',
});
const answer = (items: WorkflowRun[]) => ({
  platform: 'local',
  promise: 'redis',
  items,
  canReadLogs: true,
});

const applied = {
  platform: 'local',
  promise: 'redis',
  appliedAt: APPLIED,
  effects: {
    promiseWorkflowRerun: true,
    resourceWorkflowsRerun: 1,
    message: '',
  },
};

describe('WorkflowRerunsPanel', () => {
  afterEach(() => jest.useRealTimers());

  it('follows the re-runs until every expected run has finished, then stops reading', async () => {
    jest.useFakeTimers();
    const listWorkflowRuns = jest
      .fn()
      .mockResolvedValueOnce(answer([promiseRun('running')]))
      .mockResolvedValueOnce(
        answer([resourceRun('a', 'running'), promiseRun('succeeded')]),
      )
      .mockResolvedValue(
        answer([resourceRun('a', 'succeeded'), promiseRun('succeeded')]),
      );
    await renderKratix(<WorkflowRerunsPanel applied={applied} />, {
      api: mockKratixApi({ listWorkflowRuns }),
    });
    expect(
      await screen.findByText('Promise configure workflow: running.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Resource request workflows: 0 of 1 started, 0 running, 0 succeeded, 0 failed.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Workflow re-runs: following')).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(WORKFLOWS_POLL_MS);
    });
    expect(
      await screen.findByText(
        'Resource request workflows: 1 of 1 started, 1 running, 0 succeeded, 0 failed.',
      ),
    ).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(WORKFLOWS_POLL_MS);
    });
    expect(
      await screen.findByText('Workflow re-runs: finished'),
    ).toBeInTheDocument();
    expect(listWorkflowRuns).toHaveBeenCalledTimes(3);
    expect(screen.getByTestId('kratix-live-status')).not.toHaveTextContent(
      'follows the platform live',
    );
    await act(async () => {
      jest.advanceTimersByTime(3 * WORKFLOWS_POLL_MS);
    });
    expect(listWorkflowRuns).toHaveBeenCalledTimes(3);
  });

  it('says when the Promise workflow failed and no resource workflow re-runs', async () => {
    await renderKratix(<WorkflowRerunsPanel applied={applied} />, {
      api: mockKratixApi({
        listWorkflowRuns: jest
          .fn()
          .mockResolvedValue(answer([promiseRun('failed')])),
      }),
    });
    expect(
      await screen.findByText(
        'Resource request workflows: not re-run, because the Promise configure workflow failed.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 failed: promise-configure (open the log from the table).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Workflow re-runs: finished')).toBeInTheDocument();
  });
});
