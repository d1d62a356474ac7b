import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aMisplaced,
  misplacedPage,
  staleMeta,
} from '../../__testUtils__/fixtures';
import { preflight } from '../../__testUtils__/writeFixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { MisplacedTable } from './MisplacedTable';

const rows = [
  aMisplaced('wp-a'),
  aMisplaced('wp-b', {
    namespace: 'team-a',
    kind: 'resource',
    resourceName: 'cache',
    promiseName: 'postgres',
    misplacedLabel: 'kratix.io/misscheduled',
    misplacedSince: undefined,
    destinationStillMatches: true,
    labelIsStale: true,
    destinationExists: false,
  }),
  aMisplaced('wp-c', { destinationStillMatches: null, workName: undefined }),
];

describe('MisplacedTable', () => {
  it('shows progress while loading', async () => {
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api: mockKratixApi(),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says when nothing is misplaced', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest.fn().mockResolvedValue(misplacedPage([])),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
    });
    expect(await screen.findByText('Nothing misplaced')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No WorkPlacement of Promise redis is labelled misplaced on platform prod.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a 503 message', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            503,
            'Kratix platform "prod" is unreachable since x: y',
          ),
        ),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
    });
    expect(
      await screen.findByText(
        'Error: 503: Kratix platform "prod" is unreachable since x: y',
      ),
    ).toBeInTheDocument();
  });

  it('shows the misplaced WorkPlacements of a Promise: justifying columns, details on demand', async () => {
    const minutesAgo = (m: number) =>
      new Date(Date.now() - m * 60_000).toISOString();
    const items = [
      { ...rows[0], createdAt: minutesAgo(20), misplacedSince: minutesAgo(1) },
      rows[1],
      { ...rows[2], recreatedAfterCleanupAt: minutesAgo(3) },
    ];
    items[0] = {
      ...items[0],
      reasons: [
        {
          type: 'different-value',
          key: 'env',
          want: 'prod',
          have: 'dev',
        } as any,
      ],
    };
    const api = mockKratixApi({
      listPromiseMisplaced: jest.fn().mockResolvedValue(misplacedPage(items)),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
    });
    const table = await screen.findByRole('table', {
      name: 'Misplaced WorkPlacements',
    });
    expect(api.listPromiseMisplaced).toHaveBeenCalledWith('prod', 'redis', {
      sort: 'age',
      offset: 0,
      limit: 25,
      allowStale: false,
    });
    const t = within(table);
    expect(t.queryByText('Promise')).not.toBeInTheDocument();
    expect(t.getAllByRole('columnheader').map(h => h.textContent)).toEqual([
      '',
      'Details',
      'Destination',
      'WorkPlacement',
      'Age',
      'Label',
      'Destination still matches',
      'Destination exists',
    ]);
    // Age as kubectl's: from metadata.creationTimestamp, not from when it became misplaced.
    expect(t.getByText('20m')).toBeInTheDocument();
    expect(t.getByText('kratix.io/misscheduled (legacy)')).toBeInTheDocument();
    expect(t.getAllByText('kratix.io/misplaced')).toHaveLength(2);
    expect(t.getByText(/^stale label:/)).toBeInTheDocument();
    // A WorkPlacement Kratix re-created after a cleanup says so, once.
    expect(
      t.getAllByText(/Kratix created it again right after a cleanup/),
    ).toHaveLength(1);
    expect(t.getByText('3m')).toBeInTheDocument();
    // Why, without hovering.
    expect(t.getAllByText(/env/).length).toBeGreaterThan(0);
    // Destinations link to their catalog pages.
    expect(t.getAllByRole('link', { name: 'worker-prod' })[0]).toHaveAttribute(
      'href',
      '/catalog/default/resource/worker-prod',
    );
    // Secondary fields only when expanded.
    expect(t.queryByText('team-a/cache')).not.toBeInTheDocument();
    fireEvent.click(
      t.getByRole('button', { name: 'Show details of team-a/wp-b' }),
    );
    const details = t.getByLabelText('Details of team-a/wp-b');
    expect(within(details).getByText('team-a/cache')).toBeInTheDocument();
    expect(within(details).getByText('Misplaced since')).toBeInTheDocument();
  });

  it('filters by the Destination named in the URL and cleans up all of it there', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest.fn().mockResolvedValue(misplacedPage(rows)),
      cleanupPreflight: jest.fn().mockResolvedValue(preflight),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
      routeEntries: ['/?destination=worker-prod'],
    });
    await screen.findByRole('table', { name: 'Misplaced WorkPlacements' });
    expect(api.listPromiseMisplaced).toHaveBeenCalledWith(
      'prod',
      'redis',
      expect.objectContaining({ destination: 'worker-prod' }),
    );
    expect(screen.getByText('Destination: worker-prod')).toBeInTheDocument();
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Clean up all misplaced on worker-prod',
      }),
    );
    await waitFor(() =>
      expect(api.cleanupPreflight).toHaveBeenCalledWith('prod', {
        all: true,
        promise: 'redis',
        destination: 'worker-prod',
      }),
    );
  });

  it('reads again when the platform revision changes, and on refresh', async () => {
    jest.useFakeTimers();
    try {
      let revision = 'r1';
      const api = mockKratixApi({
        listPromiseMisplaced: jest
          .fn()
          .mockResolvedValueOnce(misplacedPage([]))
          .mockResolvedValue(misplacedPage(rows)),
        getRevision: jest.fn(async () => ({
          platform: 'prod',
          revision,
          synced: true,
          connected: true,
        })),
      });
      await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
        api,
      });
      expect(await screen.findByText('Nothing misplaced')).toBeInTheDocument();
      expect(await screen.findByText(/Updated \d+ s ago/)).toBeInTheDocument();
      // Something changes on the platform: the next poll sees a new revision.
      revision = 'r2';
      await act(async () => {
        jest.advanceTimersByTime(5000);
      });
      expect(
        await screen.findByRole('table', { name: 'Misplaced WorkPlacements' }),
      ).toBeInTheDocument();
      expect(api.listPromiseMisplaced).toHaveBeenCalledTimes(2);
      fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
      await waitFor(() =>
        expect(api.listPromiseMisplaced).toHaveBeenCalledTimes(3),
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('pages on the server and filters', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest
        .fn()
        .mockResolvedValue(misplacedPage(rows, { total: 60 })),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
    });
    await screen.findByRole('table', { name: 'Misplaced WorkPlacements' });
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listPromiseMisplaced).toHaveBeenLastCalledWith(
        'prod',
        'redis',
        {
          sort: 'age',
          offset: 25,
          limit: 25,
          allowStale: false,
        },
      ),
    );
    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: 'cache' },
    });
    await waitFor(() =>
      expect(api.listPromiseMisplaced).toHaveBeenLastCalledWith(
        'prod',
        'redis',
        {
          sort: 'age',
          search: 'cache',
          offset: 0,
          limit: 25,
          allowStale: false,
        },
      ),
    );
  });

  it('shows a stale answer with a warning and no cleanup', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest
        .fn()
        .mockResolvedValue({ ...misplacedPage(rows), ...staleMeta }),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
    });
    expect(
      await screen.findByText(/is unreachable: showing its last known state/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Clean up all misplaced' }),
    ).toBeDisabled();
  });

  it('disables cleanup without the delete permission', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest.fn().mockResolvedValue(misplacedPage(rows)),
    });
    // Another Promise than the other tests: usePermission caches decisions (SWR) per request.
    await renderKratix(<MisplacedTable platform="prod" promise="locked" />, {
      api,
      permission: AuthorizeResult.DENY,
    });
    await screen.findByRole('table', { name: 'Misplaced WorkPlacements' });
    fireEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select kratix-platform-system/wp-a',
      }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Clean up (1)' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Clean up all misplaced' }),
    ).toBeDisabled();
    expect(
      screen.getAllByText(
        'You are not allowed to delete WorkPlacements of Promise locked (permission kratix.workplacement.delete)',
      ),
    ).toHaveLength(2);
  });

  it('cleans up the selection and refreshes', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest.fn().mockResolvedValue(misplacedPage(rows)),
      cleanupPreflight: jest.fn().mockResolvedValue(preflight),
      cleanupWithProgress: jest.fn().mockResolvedValue({
        platform: 'prod',
        dryRun: false,
        results: [
          {
            namespace: 'kratix-platform-system',
            name: 'wp-a',
            outcome: 'deleted',
          },
        ],
        summary: { deleted: 1, refused: 0, failed: 0 },
      }),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
    });
    await screen.findByRole('table', { name: 'Misplaced WorkPlacements' });
    fireEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select kratix-platform-system/wp-a',
      }),
    );
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Select team-a/wp-b' }),
    );
    const button = screen.getByRole('button', { name: 'Clean up (2)' });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);

    const dialog = await screen.findByRole('dialog');
    expect(api.cleanupPreflight).toHaveBeenCalledWith('prod', {
      items: [
        { namespace: 'kratix-platform-system', name: 'wp-a' },
        { namespace: 'team-a', name: 'wp-b' },
      ],
    });
    fireEvent.click(
      await within(dialog).findByRole('button', {
        name: 'Delete 2 WorkPlacements',
      }),
    );
    expect(
      await within(dialog).findByText(
        'Cleanup finished: 1 deleted, 0 refused, 0 failed.',
      ),
    ).toBeInTheDocument();
    const calls = api.listPromiseMisplaced.mock.calls.length;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(api.listPromiseMisplaced.mock.calls.length).toBeGreaterThan(calls),
    );
    expect(screen.getByRole('button', { name: 'Clean up' })).toBeDisabled();
  });

  it('opens "clean up all" for the Promise', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest.fn().mockResolvedValue(misplacedPage(rows)),
      cleanupPreflight: jest.fn().mockResolvedValue(preflight),
    });
    await renderKratix(<MisplacedTable platform="prod" promise="redis" />, {
      api,
    });
    await screen.findByRole('table', { name: 'Misplaced WorkPlacements' });
    const button = screen.getByRole('button', {
      name: 'Clean up all misplaced',
    });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    expect(
      await screen.findByText('Clean up all misplaced WorkPlacements of redis'),
    ).toBeInTheDocument();
    expect(api.cleanupPreflight).toHaveBeenCalledWith('prod', {
      all: true,
      promise: 'redis',
    });
  });

  it('lists all Promises with a Promise column', async () => {
    const api = mockKratixApi({
      listMisplaced: jest.fn().mockResolvedValue(misplacedPage(rows)),
    });
    await renderKratix(
      <MisplacedTable platform="prod" promises={['postgres', 'redis']} />,
      { api, entity: null },
    );
    const table = await screen.findByRole('table', {
      name: 'Misplaced WorkPlacements',
    });
    expect(within(table).getByText('Promise')).toBeInTheDocument();
    expect(within(table).getByText('postgres')).toBeInTheDocument();
    expect(api.listMisplaced).toHaveBeenCalledWith('prod', {
      sort: 'age',
      offset: 0,
      limit: 25,
      allowStale: false,
    });
    expect(
      screen.getByRole('button', { name: 'Clean up all misplaced' }),
    ).toBeDisabled();
  });

  it('checks the delete permission of every selected Promise', async () => {
    const api = mockKratixApi({
      listMisplaced: jest.fn().mockResolvedValue(misplacedPage(rows)),
    });
    await renderKratix(
      <MisplacedTable platform="prod" promises={['postgres', 'redis']} />,
      {
        api,
        entity: null,
        permission: request =>
          'resourceRef' in request &&
          request.resourceRef === 'kratix-promise:prod/postgres'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      },
    );
    await screen.findByRole('table', { name: 'Misplaced WorkPlacements' });
    fireEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select kratix-platform-system/wp-a',
      }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Clean up (1)' }),
      ).toBeEnabled(),
    );

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Select team-a/wp-b' }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Clean up (2)' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByText(
        'You are not allowed to delete WorkPlacements of Promise postgres (permission kratix.workplacement.delete)',
      ),
    ).toBeInTheDocument();
  });
});
