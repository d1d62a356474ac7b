import { fireEvent, screen, waitFor } from '@testing-library/react';
import { staleMeta, targeting } from '../../__testUtils__/fixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { EntityKratixDestinationsContent } from './EntityKratixDestinationsContent';

describe('EntityKratixDestinationsContent', () => {
  it('shows progress while loading', async () => {
    const api = mockKratixApi();
    await renderKratix(<EntityKratixDestinationsContent />, { api });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getPromiseTargeting).toHaveBeenCalledWith('prod', 'redis', {
      allowStale: false,
      groupsOffset: 0,
      groupsLimit: 25,
    });
  });

  it('pages through the workload groups on the server', async () => {
    const api = mockKratixApi({
      getPromiseTargeting: jest
        .fn()
        .mockResolvedValue({ ...targeting, workloadGroupsTotal: 60 }),
    });
    await renderKratix(<EntityKratixDestinationsContent />, { api });
    expect(await screen.findByText('Workload groups (60)')).toBeInTheDocument();
    expect(screen.getByText('1-25 of 60')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.getPromiseTargeting).toHaveBeenLastCalledWith(
        'prod',
        'redis',
        {
          allowStale: false,
          groupsOffset: 25,
          groupsLimit: 25,
        },
      ),
    );
    expect(await screen.findByText('26-50 of 60')).toBeInTheDocument();
  });

  it('shows selectors, Destinations and workload groups', async () => {
    const api = mockKratixApi({
      getPromiseTargeting: jest.fn().mockResolvedValue(targeting),
    });
    await renderKratix(<EntityKratixDestinationsContent />, { api });
    expect(
      await screen.findByText(
        "entry 1's environment=prod is ignored: entry 0 sets environment=dev (first entry wins)",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 of 3 Destinations targeted'),
    ).toBeInTheDocument();
    expect(screen.getByText('Workload groups (2)')).toBeInTheDocument();
  });

  it('shows what stops Kratix from applying the Promise', async () => {
    const problem =
      'Promise redis has 2 static-dependency Works (redis-static-deps-a1111, redis-static-deps-b2222): Kratix refuses to update any of them';
    const api = mockKratixApi({
      getPromiseTargeting: jest
        .fn()
        .mockResolvedValue({ ...targeting, problems: [problem] }),
    });
    await renderKratix(<EntityKratixDestinationsContent />, { api });
    expect(
      await screen.findByText(/Kratix cannot apply this Promise as it is/),
    ).toBeInTheDocument();
    expect(screen.getByText(problem)).toBeInTheDocument();
  });

  it('shows no problem panel when there is none', async () => {
    const api = mockKratixApi({
      getPromiseTargeting: jest.fn().mockResolvedValue(targeting),
    });
    await renderKratix(<EntityKratixDestinationsContent />, { api });
    expect(
      await screen.findByText('1 of 3 Destinations targeted'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Kratix cannot apply this Promise as it is/),
    ).not.toBeInTheDocument();
  });

  it('says when the platform has no Destinations', async () => {
    const api = mockKratixApi({
      getPromiseTargeting: jest.fn().mockResolvedValue({
        ...targeting,
        destinations: [],
        workloadGroups: [],
      }),
    });
    await renderKratix(<EntityKratixDestinationsContent />, { api });
    expect(await screen.findByText('No Destinations')).toBeInTheDocument();
  });

  it('shows the 503 message and can fall back to the last known state', async () => {
    const api = mockKratixApi({
      getPromiseTargeting: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            503,
            'Kratix platform "prod" is unreachable since 2026-01-01T10:00:00Z: connect ECONNREFUSED',
          ),
        )
        .mockResolvedValue({ ...targeting, ...staleMeta }),
    });
    await renderKratix(<EntityKratixDestinationsContent />, { api });
    expect(
      await screen.findByText(
        'Error: 503: Kratix platform "prod" is unreachable since 2026-01-01T10:00:00Z: connect ECONNREFUSED',
      ),
    ).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Show last known state' }),
    );
    expect(
      await screen.findByText(
        'Warning: Kratix platform "prod" is unreachable: showing its last known state',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/connect ECONNREFUSED 10.0.0.1:6443/),
    ).toBeInTheDocument();
    expect(api.getPromiseTargeting).toHaveBeenLastCalledWith('prod', 'redis', {
      allowStale: true,
      groupsOffset: 0,
      groupsLimit: 25,
    });
  });
});
