import { fireEvent, screen, within } from '@testing-library/react';
import { history } from '../../__testUtils__/fixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { EntityKratixHistoryCard } from './EntityKratixHistoryCard';

describe('EntityKratixHistoryCard', () => {
  it('shows progress while loading', async () => {
    await renderKratix(<EntityKratixHistoryCard />, { api: mockKratixApi() });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says when there is no history', async () => {
    const api = mockKratixApi({
      getHistory: jest.fn().mockResolvedValue({ ...history, items: [] }),
    });
    await renderKratix(<EntityKratixHistoryCard />, { api });
    expect(await screen.findByText('No changes yet')).toBeInTheDocument();
  });

  it('shows an error', async () => {
    const api = mockKratixApi({
      getHistory: jest
        .fn()
        .mockRejectedValue(
          await responseError(503, 'history store unavailable'),
        ),
    });
    await renderKratix(<EntityKratixHistoryCard />, { api });
    expect(
      await screen.findByText('Error: 503: history store unavailable'),
    ).toBeInTheDocument();
  });

  it('lists the entries newest first with expandable details', async () => {
    const api = mockKratixApi({
      getHistory: jest.fn().mockResolvedValue(history),
    });
    await renderKratix(<EntityKratixHistoryCard />, { api });
    expect(await screen.findByText('user:default/alice')).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenCalledWith('prod', 'redis');
    const rows = screen.getAllByRole('row');
    const bob = rows.findIndex(r => within(r).queryByText('user:default/bob'));
    const alice = rows.findIndex(r =>
      within(r).queryByText('user:default/alice'),
    );
    expect(bob).toBeLessThan(alice);
    expect(screen.getByText('Promise updated')).toBeInTheDocument();
    expect(screen.getByText('refused')).toBeInTheDocument();
    expect(screen.getByText('wp-c refused: blocked')).toBeInTheDocument();

    expect(screen.queryByLabelText('Details of h1')).not.toBeInTheDocument();
    fireEvent.click(
      within(rows[alice]).getByRole('button', { name: 'Show details' }),
    );
    expect(screen.getByLabelText('Details of h1').textContent).toContain(
      'environment: prod',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Hide details' }));
    expect(screen.queryByLabelText('Details of h1')).not.toBeInTheDocument();
  });
});
