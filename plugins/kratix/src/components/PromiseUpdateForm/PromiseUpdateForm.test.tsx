import { fireEvent, screen } from '@testing-library/react';
import { promiseResponse } from '../../__testUtils__/fixtures';
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
});
