import { fireEvent, screen, waitFor } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aMisplaced,
  misplacedPage,
  promiseEntity,
} from '../../__testUtils__/fixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { EntityKratixMisplacedContent } from './EntityKratixMisplacedContent';

describe('EntityKratixMisplacedContent', () => {
  it('shows progress while loading', async () => {
    await renderKratix(<EntityKratixMisplacedContent />, {
      api: mockKratixApi(),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("lists the entity's Promise's misplaced WorkPlacements", async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest
        .fn()
        .mockResolvedValue(misplacedPage([aMisplaced('wp-a')])),
    });
    await renderKratix(<EntityKratixMisplacedContent />, { api });
    expect(await screen.findByText('wp-a')).toBeInTheDocument();
    expect(
      screen.getByText('Misplaced WorkPlacements of redis'),
    ).toBeInTheDocument();
    expect(api.listPromiseMisplaced).toHaveBeenCalledWith(
      'prod',
      'redis',
      expect.anything(),
    );
  });

  it('says when nothing is misplaced', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest.fn().mockResolvedValue(misplacedPage([])),
    });
    await renderKratix(<EntityKratixMisplacedContent />, { api });
    expect(await screen.findByText('Nothing misplaced')).toBeInTheDocument();
  });

  it('shows the 503 message of an unreachable platform', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            503,
            'Kratix platform "prod" is unreachable since t: refused',
          ),
        ),
    });
    await renderKratix(<EntityKratixMisplacedContent />, { api });
    expect(
      await screen.findByText(
        'Error: 503: Kratix platform "prod" is unreachable since t: refused',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Show last known state' }),
    ).toBeInTheDocument();
  });

  it('disables the cleanup buttons without permission, saying why', async () => {
    const api = mockKratixApi({
      listPromiseMisplaced: jest
        .fn()
        .mockResolvedValue(misplacedPage([aMisplaced('wp-a')])),
    });
    const entity = {
      ...promiseEntity,
      metadata: {
        ...promiseEntity.metadata,
        annotations: {
          'kratix.io/promise-name': 'kafka',
          'kratix.io/platform': 'prod',
        },
      },
    };
    await renderKratix(<EntityKratixMisplacedContent />, {
      api,
      entity,
      permission: AuthorizeResult.DENY,
    });
    fireEvent.click(
      await screen.findByRole('checkbox', {
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
        'You are not allowed to delete WorkPlacements of Promise kafka (permission kratix.workplacement.delete)',
      ),
    ).toHaveLength(2);
  });
});
