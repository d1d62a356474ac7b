import { screen } from '@testing-library/react';
import { promiseEntity } from '../../__testUtils__/fixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { KratixPromiseScope } from './KratixPromiseScope';

const show = ({ platform, promise }: { platform: string; promise: string }) => (
  <span>{`${platform}/${promise}`}</span>
);

const unannotated = {
  ...promiseEntity,
  metadata: {
    name: 'redis',
    annotations: { 'kratix.io/promise-name': 'redis' },
  },
};

describe('KratixPromiseScope', () => {
  it('uses the kratix.io/platform annotation', async () => {
    const api = mockKratixApi();
    await renderKratix(<KratixPromiseScope>{show}</KratixPromiseScope>, {
      api,
    });
    expect(screen.getByText('prod/redis')).toBeInTheDocument();
    expect(api.listPlatforms).not.toHaveBeenCalled();
  });

  it('defaults to the first platform the backend lists', async () => {
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue({
        items: [{ name: 'east' }, { name: 'west' }],
      }),
    });
    await renderKratix(<KratixPromiseScope>{show}</KratixPromiseScope>, {
      api,
      entity: unannotated,
    });
    expect(await screen.findByText('east/redis')).toBeInTheDocument();
  });

  it("falls back to 'default' when the backend lists no platform", async () => {
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderKratix(<KratixPromiseScope>{show}</KratixPromiseScope>, {
      api,
      entity: unannotated,
    });
    expect(await screen.findByText('default/redis')).toBeInTheDocument();
  });

  it('shows why the platforms could not be listed', async () => {
    const api = mockKratixApi({
      listPlatforms: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'kratix.promise.read is not allowed'),
        ),
    });
    await renderKratix(<KratixPromiseScope>{show}</KratixPromiseScope>, {
      api,
      entity: unannotated,
    });
    expect(
      await screen.findByText('Error: 403: kratix.promise.read is not allowed'),
    ).toBeInTheDocument();
  });

  it('explains a missing annotation', async () => {
    await renderKratix(<KratixPromiseScope>{show}</KratixPromiseScope>, {
      api: mockKratixApi(),
      entity: { ...promiseEntity, metadata: { name: 'plain' } },
    });
    expect(
      screen.getAllByText(/kratix.io\/promise-name/).length,
    ).toBeGreaterThan(0);
  });
});
