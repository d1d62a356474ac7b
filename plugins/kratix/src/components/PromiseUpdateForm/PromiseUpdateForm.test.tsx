import { fireEvent, screen } from '@testing-library/react';
import { promiseResponse, targeting } from '../../__testUtils__/fixtures';
import { moveToProd } from '../../__testUtils__/whatIfFixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { PromiseUpdateForm } from './PromiseUpdateForm';
import { UpdateFailure } from './UpdateFailure';

describe('UpdateFailure', () => {
  it('offers a reload on 409', async () => {
    const onReload = jest.fn();
    await renderKratix(
      <UpdateFailure
        error={await responseError(409, 'changed')}
        onReload={onReload}
      />,
      { api: mockKratixApi() },
    );
    expect(
      screen.getByText('Warning: This Promise changed since you loaded it'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });

  it("shows the apiserver's message on 400 and other errors as they are", async () => {
    const { unmount } = await renderKratix(
      <UpdateFailure
        error={await responseError(400, 'spec.x: Invalid value')}
        onReload={jest.fn()}
      />,
      { api: mockKratixApi() },
    );
    expect(screen.getByText('spec.x: Invalid value')).toBeInTheDocument();
    unmount();
    await renderKratix(
      <UpdateFailure
        error={await responseError(403, 'kratix.promise.update is not allowed')}
        onReload={jest.fn()}
      />,
      { api: mockKratixApi() },
    );
    expect(
      screen.getByText('Error: 403: kratix.promise.update is not allowed'),
    ).toBeInTheDocument();
  });
});

describe('PromiseUpdateForm', () => {
  it('blocks sending invalid rows', async () => {
    await renderKratix(
      <PromiseUpdateForm
        platform="prod"
        promise={promiseResponse.promise}
        onApplied={jest.fn()}
        onReload={jest.fn()}
      />,
      { api: mockKratixApi() },
    );
    fireEvent.change(screen.getByLabelText('Entry 0 key 0'), {
      target: { value: '' },
    });
    expect(
      screen.getByText('entry 0: a label has a value but no key'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  });

  it('shows the previewed change as the scheduling picture before and after', async () => {
    const api = mockKratixApi({
      updatePromise: jest.fn().mockResolvedValue({
        platform: 'prod',
        promise: 'redis',
        dryRun: true,
        changed: true,
        resourceVersion: '100',
        generation: 3,
        diff: '',
        effects: {
          promiseWorkflowRerun: true,
          resourceWorkflowsRerun: 0,
          message: 'Kratix re-runs the workflows.',
        },
      }),
      previewPromise: jest.fn().mockResolvedValue(moveToProd),
      getPromiseTargeting: jest.fn().mockResolvedValue(targeting),
    });
    await renderKratix(
      <PromiseUpdateForm
        platform="prod"
        promise={promiseResponse.promise}
        onApplied={jest.fn()}
        onReload={jest.fn()}
      />,
      { api },
    );
    fireEvent.change(screen.getByLabelText('Entry 0 value 0'), {
      target: { value: 'prod' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText('After: where it runs with this change'),
    ).toBeInTheDocument();
    expect(api.previewPromise).toHaveBeenCalledTimes(1);
    expect(
      screen.getAllByRole('img', { name: /^Scheduling picture of redis:/ }),
    ).toHaveLength(2);
  });
});
