import { TestApiProvider } from '@backstage/test-utils';
import type {
  WorkflowRun,
  WorkflowRunsResponse,
} from '@kratix-backstage/plugin-kratix-common';
import { fireEvent, screen } from '@testing-library/react';
import { kratixApiRef } from '../../api';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { EntityKratixWorkflowsContent } from './EntityKratixWorkflowsContent';

const succeeded: WorkflowRun = {
  id: 'kratix-platform-system/kratix-redis-promise-configure-1',
  namespace: 'kratix-platform-system',
  jobName: 'kratix-redis-promise-configure-1',
  promise: 'redis',
  workflowType: 'promise',
  action: 'configure',
  pipeline: 'promise-configure',
  trigger: 'input-changed',
  createdAt: '2026-12-04T10:00:00Z',
  startedAt: '2026-12-04T10:00:01Z',
  finishedAt: '2026-12-04T10:00:07Z',
  outcome: 'succeeded',
  pod: 'kratix-redis-promise-configure-1-abcde',
  containers: [],
};
const failed: WorkflowRun = {
  ...succeeded,
  id: 'default/kratix-redis-broken-configure-2',
  namespace: 'default',
  jobName: 'kratix-redis-broken-configure-2',
  workflowType: 'resource',
  pipeline: 'instance-configure',
  resource: { namespace: 'default', name: 'broken' },
  trigger: 'rerun',
  outcome: 'failed',
  failure: { reason: 'BackoffLimitExceeded', container: 'render' },
  pod: 'kratix-redis-broken-configure-2-fghij',
};

function render(wf: {
  listWorkflowRuns: jest.Mock;
  readWorkflowLog?: jest.Mock;
}) {
  const api = { readWorkflowLog: jest.fn(), ...wf };
  return renderKratix(
    <TestApiProvider apis={[[kratixApiRef, api]]}>
      <EntityKratixWorkflowsContent />
    </TestApiProvider>,
    { api: mockKratixApi() },
  );
}

const answer = (
  items: WorkflowRun[],
  canReadLogs = true,
): WorkflowRunsResponse => ({
  platform: 'local',
  promise: 'redis',
  items,
  canReadLogs,
});

describe('EntityKratixWorkflowsContent', () => {
  it('shows progress while loading', async () => {
    await render({ listWorkflowRuns: jest.fn(() => new Promise(() => {})) });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says when there are no runs', async () => {
    await render({ listWorkflowRuns: jest.fn().mockResolvedValue(answer([])) });
    expect(await screen.findByText('No workflow runs')).toBeInTheDocument();
  });

  it('shows an error', async () => {
    await render({
      listWorkflowRuns: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            'Promise "redis" not found on platform local',
          ),
        ),
    });
    expect(
      (
        await screen.findAllByText(
          /Promise "redis" not found on platform local/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });

  it('lists runs and opens the log of a failed one', async () => {
    const readWorkflowLog = jest.fn().mockResolvedValue({
      platform: 'local',
      namespace: 'default',
      jobName: failed.jobName,
      pod: failed.pod,
      container: 'render',
      previous: false,
      lines: ['no template for team broken'],
    });
    await render({
      listWorkflowRuns: jest
        .fn()
        .mockResolvedValue(answer([failed, succeeded])),
      readWorkflowLog,
    });
    expect(
      await screen.findByText('default/broken configure · instance-configure'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Promise configure · promise-configure'),
    ).toBeInTheDocument();
    expect(screen.getByText('re-run (same input)')).toBeInTheDocument();
    expect(screen.getAllByText('6 s')).toHaveLength(2);
    fireEvent.click(
      screen.getByText(
        /container render failed: BackoffLimitExceeded · show log/,
      ),
    );
    expect(
      await screen.findByText('no template for team broken'),
    ).toBeInTheDocument();
    expect(readWorkflowLog).toHaveBeenCalledWith(
      expect.any(String),
      'redis',
      expect.objectContaining({ jobName: failed.jobName }),
      'render',
    );
  });

  it('offers no log link without the log permission', async () => {
    await render({
      listWorkflowRuns: jest.fn().mockResolvedValue(answer([failed], false)),
    });
    expect(
      await screen.findByText('container render failed: BackoffLimitExceeded'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/show log/)).not.toBeInTheDocument();
  });
});
