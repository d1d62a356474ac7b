import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { targeting } from '../../__testUtils__/fixtures';
import { DestinationTargetingTable } from './DestinationTargetingTable';

describe('DestinationTargetingTable', () => {
  it('shows targeting, reasons, readiness and state stores', async () => {
    await renderInTestApp(
      <DestinationTargetingTable destinations={targeting.destinations} />,
    );
    expect(
      screen.getByText('1 of 3 Destinations targeted'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('label environment is "prod", selector wants "dev"'),
    ).toBeInTheDocument();
    // No reasonTexts from the backend: described with the shared rule.
    expect(
      screen.getByText(
        'label environment is missing (selector wants environment=dev)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('state store not reachable')).toBeInTheDocument();
    expect(
      screen.getByText('not reported by this Kratix version'),
    ).toBeInTheDocument();
    expect(screen.getByText('BucketStateStore/s3')).toBeInTheDocument();
    expect(screen.getByText('bucket missing')).toBeInTheDocument();
    expect(screen.getAllByText('environment=prod').length).toBeGreaterThan(0);
  });

  it('filters targeted and not targeted Destinations', async () => {
    await renderInTestApp(
      <DestinationTargetingTable destinations={targeting.destinations} />,
    );
    const filter = within(
      screen.getByRole('group', { name: 'Filter Destinations' }),
    );
    fireEvent.click(filter.getByRole('button', { name: 'Targeted' }));
    expect(screen.getByText('worker-dev')).toBeInTheDocument();
    expect(screen.queryByText('worker-prod')).not.toBeInTheDocument();

    fireEvent.click(filter.getByRole('button', { name: 'Not targeted' }));
    expect(screen.queryByText('worker-dev')).not.toBeInTheDocument();
    expect(screen.getByText('worker-prod')).toBeInTheDocument();
    expect(screen.getByText('worker-old')).toBeInTheDocument();

    fireEvent.click(filter.getByRole('button', { name: 'All' }));
    expect(screen.getByText('worker-dev')).toBeInTheDocument();
  });
});

describe('DestinationTargetingTable with many Destinations', () => {
  it('pages them and offers a search', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...targeting.destinations[0],
      name: `dest-${String(i).padStart(3, '0')}`,
    }));
    await renderInTestApp(<DestinationTargetingTable destinations={many} />);
    expect(screen.getByText('dest-000')).toBeInTheDocument();
    expect(screen.queryByText('dest-050')).not.toBeInTheDocument();
    expect(screen.getByText('120 of 120 Destinations targeted')).toBeInTheDocument();
    expect(screen.getByPlaceholderText('Filter')).toBeInTheDocument();
  });
});
