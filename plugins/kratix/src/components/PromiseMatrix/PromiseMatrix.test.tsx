import { screen, within } from '@testing-library/react';
import { matrix } from '../../__testUtils__/writeFixtures';
import { mockKratixApi, renderKratix } from '../../__testUtils__/testApp';
import { PromiseMatrix } from './PromiseMatrix';

describe('PromiseMatrix', () => {
  it('shows WorkPlacements / misplaced per cell and links Promises, Destinations and cells', async () => {
    await renderKratix(<PromiseMatrix matrix={matrix} />, {
      api: mockKratixApi(),
      entity: null,
    });
    expect(screen.getByRole('link', { name: 'redis' })).toHaveAttribute(
      'href',
      '/catalog/default/component/redis',
    );
    expect(screen.getByRole('link', { name: 'worker-prod' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/worker-prod',
    );
    const misplaced = screen.getByLabelText(
      'redis on worker-prod: 1 WorkPlacements, 1 misplaced, not targeted',
    );
    expect(misplaced).toHaveAttribute('data-misplaced', 'true');
    expect(misplaced).toHaveTextContent('1 / 1');
    // The cell leads to the Promise's Misplaced tab, filtered by the Destination.
    expect(within(misplaced).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/redis/kratix-misplaced?destination=worker-prod',
    );
    const targeted = screen.getByLabelText(
      'redis on worker-dev: 2 WorkPlacements, 0 misplaced, targeted by the Promise selectors',
    );
    expect(targeted).toHaveAttribute('data-targeted', 'true');
    expect(targeted).toHaveAttribute('data-misplaced', 'false');
    expect(targeted).toHaveTextContent('● 2 / 0');
    expect(screen.getAllByText('–')).toHaveLength(1); // postgres × worker-dev
  });

  it('has a legend for every mark, the green edge included', async () => {
    await renderKratix(<PromiseMatrix matrix={matrix} />, {
      api: mockKratixApi(),
      entity: null,
    });
    const legend = screen.getByLabelText('Legend');
    expect(legend).toHaveTextContent('green left edge');
    expect(legend).toHaveTextContent('red cell');
    expect(legend).toHaveTextContent('WorkPlacements / misplaced');
  });
});
