import { screen } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { matrix } from '../../__testUtils__/fixtures';
import { PromiseMatrix } from './PromiseMatrix';

describe('PromiseMatrix', () => {
  it('shows WorkPlacements / misplaced per cell and links the Promises', async () => {
    await renderInTestApp(<PromiseMatrix matrix={matrix} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(screen.getByRole('link', { name: 'redis' })).toHaveAttribute(
      'href',
      '/catalog/default/component/redis',
    );
    const misplaced = screen.getByLabelText(
      'redis on worker-prod: 1 WorkPlacements, 1 misplaced, not targeted',
    );
    expect(misplaced).toHaveAttribute('data-misplaced', 'true');
    expect(misplaced).toHaveTextContent('1 / 1');
    const targeted = screen.getByLabelText(
      'redis on worker-dev: 2 WorkPlacements, 0 misplaced, targeted by the Promise selectors',
    );
    expect(targeted).toHaveAttribute('data-targeted', 'true');
    expect(targeted).toHaveAttribute('data-misplaced', 'false');
    expect(targeted).toHaveTextContent('● 2 / 0');
    expect(screen.getAllByText('–')).toHaveLength(1); // postgres × worker-dev
  });
});
