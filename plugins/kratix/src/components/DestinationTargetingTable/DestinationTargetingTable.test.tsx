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
    // Said once for the table, not in every cell.
    expect(
      screen.getAllByText(/not reported by this Kratix version/),
    ).toHaveLength(1);
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

describe('DestinationTargetingTable rows and links', () => {
  it('gives material-table a unique id per row (no warning in development)', async () => {
    const env = process.env.NODE_ENV;
    const warn = jest.spyOn(console, 'warn');
    (process.env as any).NODE_ENV = 'development';
    try {
      await renderInTestApp(
        <DestinationTargetingTable destinations={targeting.destinations} />,
      );
      expect(screen.getByText('worker-dev')).toBeInTheDocument();
      expect(warn).not.toHaveBeenCalledWith(
        expect.stringContaining('unique id'),
      );
    } finally {
      (process.env as any).NODE_ENV = env;
      warn.mockRestore();
    }
  });

  it('links Destination names to their pages and misplaced counts to the Misplaced tab', async () => {
    const links = {
      destination: (n: string) => `/catalog/default/resource/${n}`,
      promise: (n: string) => `/catalog/default/component/${n}`,
      misplaced: (p: string, d?: string) =>
        `/catalog/default/component/${p}/kratix-misplaced?destination=${d}`,
      targeting: (p: string) =>
        `/catalog/default/component/${p}/kratix-targeting`,
      workflows: (p: string) =>
        `/catalog/default/component/${p}/kratix-workflows`,
    };
    const destinations = targeting.destinations.map((d, i) =>
      i === 0 ? { ...d, misplaced: 2 } : d,
    );
    await renderInTestApp(
      <DestinationTargetingTable
        destinations={destinations}
        links={links}
        promise="redis"
      />,
    );
    const first = destinations[0].name;
    expect(screen.getByRole('link', { name: first })).toHaveAttribute(
      'href',
      `/catalog/default/resource/${first}`,
    );
    expect(
      screen.getByRole('link', { name: `2 misplaced on ${first}` }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/component/redis/kratix-misplaced?destination=${first}`,
    );
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
    expect(
      screen.getByText('120 of 120 Destinations targeted'),
    ).toBeInTheDocument();
    expect(screen.getByPlaceholderText('Filter')).toBeInTheDocument();
  });
});
