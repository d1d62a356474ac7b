import { fireEvent, screen, within } from '@testing-library/react';
import { matrix } from '../../__testUtils__/writeFixtures';
import { mockKratixApi, renderKratix } from '../../__testUtils__/testApp';
import { PromiseHeatMap } from './PromiseHeatMap';
import { HEAT_MAP_MAX_COLUMNS } from './heatMapColumns';
import { thousandDestinations } from '../../__testUtils__/thousandDestinations';

const platforms = { items: [{ name: 'default' }] };

describe('PromiseHeatMap', () => {
  it('stays readable at 1,000 Destinations: grouped by label, cells link to the targeting tab', async () => {
    const { matrix: big, targeting } = thousandDestinations();
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue(platforms),
      getPromiseTargeting: jest.fn().mockResolvedValue(targeting),
    });
    await renderKratix(<PromiseHeatMap matrix={big} />, { api, entity: null });
    expect(
      await screen.findByText(
        '1,000 Destinations grouped by environment (3 columns); each cell sums its Destinations',
      ),
    ).toBeInTheDocument();
    expect(api.getPromiseTargeting).toHaveBeenCalledWith('default', 'redis', {
      groupsLimit: 1,
    });
    const table = screen.getByRole('table', {
      name: 'Promises by Destination (heat map)',
    });
    expect(within(table).getAllByRole('columnheader')).toHaveLength(1 + 3);
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 3);
    const prod = within(table).getByRole('link', {
      name: 'redis on environment=prod (333 Destinations): 48 WorkPlacements, 48 misplaced, 0 targeted',
    });
    expect(prod).toHaveAttribute(
      'href',
      '/catalog/default/component/redis/kratix-targeting',
    );
    expect(prod).toHaveTextContent('48');
    expect(
      within(table).getByRole('link', {
        name: 'redis on environment=dev (334 Destinations): 167 WorkPlacements, 0 misplaced, 334 targeted',
      }),
    ).toBeInTheDocument();

    // Grouped by region instead: at most HEAT_MAP_MAX_COLUMNS columns.
    fireEvent.change(screen.getByLabelText('Group Destinations by'), {
      target: { value: 'region' },
    });
    expect(within(table).getAllByRole('columnheader')).toHaveLength(
      1 + HEAT_MAP_MAX_COLUMNS,
    );
    expect(
      within(table).getByText('other region (19 values, 380)'),
    ).toBeInTheDocument();
    expect(table.querySelectorAll('td')).toHaveLength(3 * HEAT_MAP_MAX_COLUMNS);
  });

  it('one column per Destination while they fit: links as the table', async () => {
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue(platforms),
    });
    await renderKratix(<PromiseHeatMap matrix={matrix} />, {
      api,
      entity: null,
    });
    expect(api.getPromiseTargeting).not.toHaveBeenCalled();
    const table = screen.getByRole('table', {
      name: 'Promises by Destination (heat map)',
    });
    expect(
      within(table).getByRole('link', {
        name: 'redis on worker-prod: 1 WorkPlacement, 1 misplaced, not targeted',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/redis/kratix-misplaced?destination=worker-prod',
    );
    expect(
      within(table).getByRole('link', { name: 'worker-prod' }),
    ).toHaveAttribute('href', '/catalog/default/resource/worker-prod');
  });
});
