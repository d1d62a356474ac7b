import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { targeting } from '../../__testUtils__/fixtures';
import { FROM_WORKFLOW_TEXT, WorkloadGroupTable } from './WorkloadGroupTable';

describe('WorkloadGroupTable', () => {
  it('shows merged selectors with sources, workflow markers and placements', async () => {
    await renderInTestApp(
      <WorkloadGroupTable groups={targeting.workloadGroups} />,
    );
    expect(
      screen.getByText('kratix-platform-system/redis-static-deps-abcde'),
    ).toBeInTheDocument();
    expect(screen.getByText('dependency')).toBeInTheDocument();
    expect(screen.getByText('resource cache')).toBeInTheDocument();
    expect(screen.getByText('environment=dev ← promise')).toBeInTheDocument();
    expect(
      screen.getByText('tier=gold ← resource-workflow'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(FROM_WORKFLOW_TEXT)).toHaveLength(1);
    expect(screen.getAllByText('worker-prod (misplaced)')).toHaveLength(1);
    expect(
      screen.getByText(
        "resource-workflow's tier=silver is ignored: promise sets tier=gold (Promise spec > Promise workflow > resource workflow)",
      ),
    ).toBeInTheDocument();
  });

  it('says when there are no Works', async () => {
    await renderInTestApp(<WorkloadGroupTable groups={[]} />);
    expect(screen.getByText(/has no Works yet/)).toBeInTheDocument();
  });
});
