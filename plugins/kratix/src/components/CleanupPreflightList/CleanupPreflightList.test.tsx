import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { preflight } from '../../__testUtils__/writeFixtures';
import { CleanupPreflightList } from './CleanupPreflightList';

describe('CleanupPreflightList', () => {
  it('describes each item', async () => {
    await renderInTestApp(
      <CleanupPreflightList items={preflight.items} force={false} />,
    );
    expect(
      screen.getByText(
        'files removed from destinations/worker-prod/dependencies/redis/instance-configure/5058f',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "files stay at <former Destination worker-gone's directory>/resources/team-a",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('will be re-scheduled to one of worker-dev, worker-eu'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('not recreated')).toHaveLength(2);
    expect(
      screen.getByText('BLOCKED: State store BucketStateStore/s3 is not Ready'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('skipped unless you force blocked items'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Destination worker-gone no longer exists'),
    ).toBeInTheDocument();
    expect(screen.getByText('not found: already deleted?')).toBeInTheDocument();
  });

  it('says when blocked items are forced', async () => {
    await renderInTestApp(
      <CleanupPreflightList items={preflight.items} force />,
    );
    expect(
      screen.getByText(
        'forced: it is deleted anyway and waits on its finalizer',
      ),
    ).toBeInTheDocument();
  });
});
