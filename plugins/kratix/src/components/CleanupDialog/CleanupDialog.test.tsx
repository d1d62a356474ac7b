import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { CleanupPreflightItem } from '@kratix-backstage/plugin-kratix-common';
import { preflight } from '../../__testUtils__/writeFixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { CleanupDialog } from './CleanupDialog';

const items = [{ namespace: 'kratix-platform-system', name: 'wp-a' }];

function manyItems(n: number): CleanupPreflightItem[] {
  return Array.from({ length: n }, (_, i) => ({
    ...(preflight.items[0] as Extract<CleanupPreflightItem, { found: true }>),
    name: `wp-${i}`,
  }));
}

describe('CleanupDialog', () => {
  it('shows the preflight and deletes with progress and results', async () => {
    let finish: () => void = () => {};
    const api = mockKratixApi({
      cleanupPreflight: jest.fn().mockResolvedValue(preflight),
      cleanupWithProgress: jest.fn(
        (_platform, _request, onProgress) =>
          new Promise(resolve => {
            onProgress(
              {
                namespace: 'kratix-platform-system',
                name: 'wp-a',
                outcome: 'deleted',
              },
              1,
            );
            finish = () =>
              resolve({
                platform: 'prod',
                dryRun: false,
                results: [
                  {
                    namespace: 'kratix-platform-system',
                    name: 'wp-a',
                    outcome: 'deleted',
                  },
                  {
                    namespace: 'team-a',
                    name: 'wp-b',
                    outcome: 'failed',
                    reason: 'timeout',
                  },
                  {
                    namespace: 'kratix-platform-system',
                    name: 'wp-c',
                    outcome: 'refused',
                    reason: 'blocked',
                  },
                ],
                summary: { deleted: 1, refused: 1, failed: 1 },
              });
          }),
      ),
    });
    const onClose = jest.fn();
    await renderKratix(
      <CleanupDialog
        platform="prod"
        selection={{ items }}
        confirmWord="redis"
        onClose={onClose}
      />,
      { api },
    );

    expect(
      await screen.findByText(
        'will be re-scheduled to one of worker-dev, worker-eu',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('BLOCKED: State store BucketStateStore/s3 is not Ready'),
    ).toBeInTheDocument();
    expect(api.cleanupPreflight).toHaveBeenCalledWith('prod', { items });
    // 2 deletable, no typed confirmation needed.
    expect(screen.queryByLabelText('Confirmation')).not.toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('checkbox', { name: /Force blocked items/ }),
    );
    const deleteButton = screen.getByRole('button', {
      name: 'Delete 3 WorkPlacements',
    });
    fireEvent.click(deleteButton);

    expect(
      await screen.findByText('Cleaning up: 1 of 4 done'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close' })).toBeDisabled();
    expect(api.cleanupWithProgress).toHaveBeenCalledWith(
      'prod',
      {
        items: [{ ...items[0], uid: 'uid-wp-a', generation: 2 }],
        force: true,
      },
      expect.any(Function),
    );

    finish();
    expect(
      await screen.findByText(
        'Cleanup finished: 1 deleted, 1 refused, 1 failed.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('error: timeout')).toBeInTheDocument();
    expect(screen.getByText('reason: blocked')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it('requires the typed Promise name above the threshold', async () => {
    const api = mockKratixApi({
      cleanupPreflight: jest.fn().mockResolvedValue({
        platform: 'prod',
        items: manyItems(6),
        deletable: 6,
        blocked: 0,
      }),
      cleanupWithProgress: jest.fn().mockResolvedValue({
        platform: 'prod',
        dryRun: false,
        results: [],
        summary: { deleted: 6, refused: 0, failed: 0 },
      }),
    });
    await renderKratix(
      <CleanupDialog
        platform="prod"
        selection={{ all: true, promise: 'redis' }}
        confirmWord="redis"
        onClose={jest.fn()}
      />,
      { api },
    );
    const button = await screen.findByRole('button', {
      name: 'Delete 6 WorkPlacements',
    });
    expect(button).toBeDisabled();
    const field = screen.getByLabelText('Confirmation');
    fireEvent.change(field, { target: { value: 'redi' } });
    expect(button).toBeDisabled();
    fireEvent.change(field, { target: { value: 'redis' } });
    expect(button).toBeEnabled();
    fireEvent.click(button);
    await waitFor(() =>
      expect(api.cleanupWithProgress).toHaveBeenCalledWith(
        'prod',
        { all: true, promise: 'redis', force: false },
        expect.any(Function),
      ),
    );
    expect(
      await screen.findByText(
        'Cleanup finished: 6 deleted, 0 refused, 0 failed.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a failing preflight', async () => {
    const api = mockKratixApi({
      cleanupPreflight: jest
        .fn()
        .mockRejectedValue(
          await responseError(503, 'Kratix platform "prod" is unreachable'),
        ),
    });
    const onClose = jest.fn();
    await renderKratix(
      <CleanupDialog
        platform="prod"
        selection={{ items }}
        confirmWord="redis"
        onClose={onClose}
      />,
      { api },
    );
    expect(
      await screen.findByText(
        'Error: 503: Kratix platform "prod" is unreachable',
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledWith(false);
  });

  it('shows a cleanup that stops', async () => {
    const api = mockKratixApi({
      cleanupPreflight: jest.fn().mockResolvedValue(preflight),
      cleanupWithProgress: jest.fn().mockRejectedValue(new Error('watch lost')),
    });
    await renderKratix(
      <CleanupDialog
        platform="prod"
        selection={{ items }}
        confirmWord="redis"
        onClose={jest.fn()}
      />,
      { api },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Delete 2 WorkPlacements' }),
    );
    expect(await screen.findByText('watch lost')).toBeInTheDocument();
  });
});
