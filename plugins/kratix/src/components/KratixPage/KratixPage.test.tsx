import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { PlatformSummary } from '@kratix-backstage/plugin-kratix-common';
import {
  aMisplaced,
  misplacedPage,
  staleMeta,
} from '../../__testUtils__/fixtures';
import { matrix } from '../../__testUtils__/writeFixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { thousandDestinations } from '../../__testUtils__/thousandDestinations';
import { KratixPage } from './KratixPage';

const counts = {
  promises: 2,
  destinations: 2,
  works: 3,
  workPlacements: 3,
  misplaced: 1,
};
const platform = (name: string): PlatformSummary => ({
  name,
  synced: true,
  connected: true,
  counts,
});

describe('KratixPage', () => {
  it('shows progress while loading', async () => {
    await renderKratix(<KratixPage />, { api: mockKratixApi(), entity: null });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says when no platform is configured', async () => {
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderKratix(<KratixPage />, { api, entity: null });
    expect(await screen.findByText('No Kratix platform')).toBeInTheDocument();
  });

  it('says when the platform has no Promises', async () => {
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue({ items: [platform('prod')] }),
      getMatrix: jest.fn().mockResolvedValue({
        ...matrix,
        promises: [],
        destinations: [],
        cells: [],
      }),
      listMisplaced: jest.fn().mockResolvedValue(misplacedPage([])),
    });
    await renderKratix(<KratixPage />, { api, entity: null });
    expect(await screen.findByText('No Promises')).toBeInTheDocument();
  });

  it('shows the 503 message of an unreachable platform', async () => {
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue({ items: [platform('prod')] }),
      getMatrix: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(503, 'Kratix platform "prod" is unreachable'),
        )
        .mockResolvedValue({ ...matrix, ...staleMeta }),
      listMisplaced: jest.fn().mockResolvedValue(misplacedPage([])),
    });
    await renderKratix(<KratixPage />, { api, entity: null });
    expect(
      await screen.findByText(
        'Error: 503: Kratix platform "prod" is unreachable',
      ),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Show last known state' }),
    );
    expect(
      await screen.findByText(
        'Warning: Kratix platform "prod" is unreachable: showing its last known state',
      ),
    ).toBeInTheDocument();
  });

  it('shows the matrix and all misplaced WorkPlacements, per platform', async () => {
    const api = mockKratixApi({
      listPlatforms: jest
        .fn()
        .mockResolvedValue({ items: [platform('prod'), platform('staging')] }),
      getMatrix: jest.fn().mockResolvedValue(matrix),
      listMisplaced: jest
        .fn()
        .mockResolvedValue(misplacedPage([aMisplaced('wp-a')])),
    });
    await renderKratix(<KratixPage />, { api, entity: null });
    // Two platforms: the catalog module names entities <platform>-<name>.
    expect(
      (await screen.findAllByRole('link', { name: 'redis' }))[0],
    ).toHaveAttribute('href', '/catalog/default/component/prod-redis');
    const table = await screen.findByRole('table', {
      name: 'Misplaced WorkPlacements',
    });
    expect(within(table).getByText('Promise')).toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenCalledWith('prod', { allowStale: false });
    expect(api.listMisplaced).toHaveBeenCalledWith(
      'prod',
      expect.objectContaining({ offset: 0 }),
    );

    fireEvent.mouseDown(screen.getByRole('button', { name: 'Platform' }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('staging'),
    );
    await waitFor(() =>
      expect(api.getMatrix).toHaveBeenCalledWith('staging', {
        allowStale: false,
      }),
    );
  });

  it('shows the compact heat map instead of the wide table for many Destinations', async () => {
    const big = thousandDestinations();
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue({ items: [platform('prod')] }),
      getMatrix: jest
        .fn()
        .mockResolvedValue({ ...big.matrix, platform: 'prod' }),
      getPromiseTargeting: jest.fn().mockResolvedValue(big.targeting),
      listMisplaced: jest.fn().mockResolvedValue(misplacedPage([])),
    });
    await renderKratix(<KratixPage />, { api, entity: null });
    expect(
      await screen.findByRole('table', {
        name: 'Promises by Destination (heat map)',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Promises by Destination' }),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByText(/^1,000 Destinations grouped by environment/),
    ).toBeInTheDocument();
  });
});
