import { screen, waitFor, within } from '@testing-library/react';
import {
  aMisplaced,
  meta,
  misplacedPage,
  promiseResponse,
} from '../../__testUtils__/fixtures';
import { matrix } from '../../__testUtils__/writeFixtures';
import { mockKratixApi, renderKratix } from '../../__testUtils__/testApp';
import { EntityKratixDestinationContent } from './EntityKratixDestinationContent';

const destinationEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'worker-prod',
    annotations: {
      'kratix.io/destination-name': 'worker-prod',
      'kratix.io/platform': 'prod',
      'kratix.io/destination-labels': JSON.stringify({
        environment: 'prod',
        zone: 'eu',
      }),
      'kratix.io/strict-match-labels': 'false',
    },
  },
  spec: { type: 'kratix-destination', owner: 'platform', lifecycle: 'x' },
};

const promises = {
  ...meta,
  items: [
    promiseResponse.promise, // redis: selects environment=dev, zone=eu
    {
      ...promiseResponse.promise,
      name: 'postgres',
      selectors: {
        ...promiseResponse.promise.selectors,
        matchLabels: { environment: 'prod' },
      },
      targetedDestinations: ['worker-prod'],
    },
  ],
};

describe('EntityKratixDestinationContent', () => {
  it('shows the Promises targeting the Destination and why not, and its misplaced WorkPlacements', async () => {
    const api = mockKratixApi({
      listPromises: jest.fn().mockResolvedValue(promises),
      getMatrix: jest.fn().mockResolvedValue(matrix),
      listMisplaced: jest
        .fn()
        .mockResolvedValue(misplacedPage([aMisplaced('wp-a')])),
    });
    await renderKratix(<EntityKratixDestinationContent />, {
      api,
      entity: destinationEntity,
    });
    expect(
      await screen.findByText(
        '1 of 2 Promises target worker-prod; labels: environment=prod, zone=eu',
      ),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    const postgres = rows.find(r => within(r).queryByText('postgres'))!;
    const redis = rows.find(r => within(r).queryByText('redis'))!;
    expect(within(postgres).getByText('yes')).toBeInTheDocument();
    // Why not, from the shared matching rule.
    expect(
      within(redis).getByText(
        'label environment is "prod", selector wants "dev"',
      ),
    ).toBeInTheDocument();
    // The misplaced count leads to the Promise's Misplaced tab filtered by this Destination.
    expect(
      within(redis).getByRole('link', { name: '1 misplaced of redis' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/redis/kratix-misplaced?destination=worker-prod',
    );
    await waitFor(() =>
      expect(api.listMisplaced).toHaveBeenCalledWith(
        'prod',
        expect.objectContaining({ destination: 'worker-prod' }),
      ),
    );
    expect(
      await screen.findByText('Misplaced WorkPlacements on worker-prod'),
    ).toBeInTheDocument();
  });

  it('asks for the annotation on other entities', async () => {
    await renderKratix(<EntityKratixDestinationContent />, {
      api: mockKratixApi(),
    });
    expect(
      screen.getAllByText(/kratix.io\/destination-name/)[0],
    ).toBeInTheDocument();
  });
});
