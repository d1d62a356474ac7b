import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { CleanupActions } from './CleanupActions';

const allowed = { loading: false, allowed: true, denied: [] };
const denied = (p: string[]) => ({ loading: false, allowed: false, denied: p });

function props(extra: Partial<Parameters<typeof CleanupActions>[0]> = {}) {
  return {
    selectedCount: 2,
    total: 4,
    scopePromise: 'redis',
    stale: false,
    scopePermission: allowed,
    selectionPermission: allowed,
    onCleanupSelected: jest.fn(),
    onCleanupAll: jest.fn(),
    onClearSelection: jest.fn(),
    ...extra,
  };
}

describe('CleanupActions', () => {
  it('enables both actions when allowed', async () => {
    const p = props();
    await renderInTestApp(<CleanupActions {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clean up (2)' }));
    fireEvent.click(
      screen.getByRole('button', { name: 'Clean up all misplaced' }),
    );
    expect(p.onCleanupSelected).toHaveBeenCalled();
    expect(p.onCleanupAll).toHaveBeenCalled();
  });

  it('explains a missing permission', async () => {
    await renderInTestApp(
      <CleanupActions
        {...props({
          scopePermission: denied(['redis']),
          selectionPermission: denied(['redis']),
        })}
      />,
    );
    expect(screen.getByRole('button', { name: 'Clean up (2)' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Clean up all misplaced' }),
    ).toBeDisabled();
    expect(
      screen.getAllByText(
        'You are not allowed to delete WorkPlacements of Promise redis (permission kratix.workplacement.delete)',
      ),
    ).toHaveLength(2);
  });

  it('needs a selection, a Promise for "all", and a reachable platform', async () => {
    const { unmount } = await renderInTestApp(
      <CleanupActions
        {...props({ selectedCount: 0, scopePromise: undefined })}
      />,
    );
    expect(
      screen.getByText('Select the misplaced WorkPlacements to clean up first'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Pick a Promise to clean up all of its misplaced WorkPlacements',
      ),
    ).toBeInTheDocument();
    unmount();
    await renderInTestApp(<CleanupActions {...props({ stale: true })} />);
    expect(
      screen.getAllByText(
        'The platform is unreachable: nothing can be cleaned up now',
      ),
    ).toHaveLength(2);
  });

  it('writes why "Clean up all" is disabled as visible text, tied to the button', async () => {
    await renderInTestApp(<CleanupActions {...props({ total: 0 })} />);
    const button = screen.getByRole('button', {
      name: 'Clean up all misplaced',
    });
    expect(button).toBeDisabled();
    expect(screen.getByText('Nothing is misplaced')).toBeVisible();
    expect(button).toHaveAccessibleDescription('Nothing is misplaced');
  });

  it('names the Destination "all" is limited to', async () => {
    const p = props({ scopeDestination: 'dev-1' });
    await renderInTestApp(<CleanupActions {...p} />);
    fireEvent.click(
      screen.getByRole('button', { name: 'Clean up all misplaced on dev-1' }),
    );
    expect(p.onCleanupAll).toHaveBeenCalled();
  });
});
