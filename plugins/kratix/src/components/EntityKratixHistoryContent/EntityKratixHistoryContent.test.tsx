import { fireEvent, screen, within } from '@testing-library/react';
import { history } from '../../__testUtils__/writeFixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { EntityKratixHistoryContent } from './EntityKratixHistoryContent';

const entries = {
  ...history,
  items: [
    {
      ...history.items[0],
      details: {
        diff: '--- spec\n+++ spec\n-    environment: dev\n+    environment: prod\n',
        before: { destinationSelectors: [] },
        after: { destinationSelectors: [] },
        actingAs: 'alice',
      },
    },
    {
      ...history.items[1],
      details: {
        results: [
          {
            namespace: 'kratix-platform-system',
            name: 'wp-c',
            promise: 'redis',
            outcome: 'refused',
            reason: 'blocked: state store not Ready',
          },
        ],
        force: false,
      },
    },
  ],
};

describe('EntityKratixHistoryContent', () => {
  it('shows progress while loading', async () => {
    await renderKratix(<EntityKratixHistoryContent />, {
      api: mockKratixApi(),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says when there is no history', async () => {
    const api = mockKratixApi({
      getHistory: jest.fn().mockResolvedValue({ ...history, items: [] }),
    });
    await renderKratix(<EntityKratixHistoryContent />, { api });
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
    await renderKratix(<EntityKratixHistoryContent />, { api });
    expect(
      await screen.findByText('Error: 503: history store unavailable'),
    ).toBeInTheDocument();
  });

  it('lists one line per action, newest first, with the diff and per-item results as details (no JSON)', async () => {
    const api = mockKratixApi({
      getHistory: jest.fn().mockResolvedValue(entries),
    });
    await renderKratix(<EntityKratixHistoryContent />, { api });
    expect(await screen.findByText('user:default/alice')).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenCalledWith('prod', 'redis');
    const rows = screen.getAllByRole('row');
    const bob = rows.findIndex(r => within(r).queryByText('user:default/bob'));
    const alice = rows.findIndex(r =>
      within(r).queryByText('user:default/alice'),
    );
    expect(bob).toBeLessThan(alice);
    expect(screen.getByText('Promise updated')).toBeInTheDocument();
    expect(
      screen.getByText('Misplaced WorkPlacements cleaned up'),
    ).toBeInTheDocument();
    expect(screen.getByText('refused')).toBeInTheDocument();

    // Details: the update's diff, as the diff view shows it.
    expect(screen.queryByLabelText('Details of h1')).not.toBeInTheDocument();
    fireEvent.click(within(rows[alice]).getByText('user:default/alice'));
    const update = await screen.findByLabelText('Details of h1');
    expect(
      within(update).getByText('+    environment: prod', {
        normalizer: s => s,
      }),
    ).toHaveAttribute('data-diff', '+');
    expect(
      within(update).getByText('Acted in Kubernetes as alice'),
    ).toBeInTheDocument();
    expect(update.textContent).not.toContain('{');

    // The cleanup's per-item results.
    fireEvent.click(within(rows[bob]).getByText('user:default/bob'));
    const cleanup = await screen.findByLabelText('Details of h2');
    expect(
      within(cleanup).getByText('kratix-platform-system/wp-c'),
    ).toBeInTheDocument();
    expect(
      within(cleanup).getByText('reason: blocked: state store not Ready'),
    ).toBeInTheDocument();
    expect(cleanup.textContent).not.toContain('{');
  });
});
