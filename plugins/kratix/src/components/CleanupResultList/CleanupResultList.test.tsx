import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { CleanupResultList, summaryText } from './CleanupResultList';

describe('CleanupResultList', () => {
  it('shows each outcome with its reason', async () => {
    await renderInTestApp(
      <CleanupResultList
        results={[
          { namespace: 'ns', name: 'a', outcome: 'deleted' },
          {
            namespace: 'ns',
            name: 'b',
            outcome: 'refused',
            reason: 'no longer misplaced',
          },
          {
            namespace: 'ns',
            name: 'c',
            outcome: 'failed',
            reason: 'etcd timeout',
          },
        ]}
      />,
    );
    expect(screen.getByText('deleted')).toBeInTheDocument();
    expect(screen.getByText('reason: no longer misplaced')).toBeInTheDocument();
    expect(screen.getByText('error: etcd timeout')).toBeInTheDocument();
  });

  it('summarises', () => {
    expect(summaryText({ deleted: 2, refused: 1, failed: 0 })).toBe(
      '2 deleted, 1 refused, 0 failed',
    );
  });
});
