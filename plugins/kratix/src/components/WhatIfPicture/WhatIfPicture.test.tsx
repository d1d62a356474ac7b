import { screen } from '@testing-library/react';
import { targeting } from '../../__testUtils__/fixtures';
import { mockKratixApi, renderKratix } from '../../__testUtils__/testApp';
import { moveToProd } from '../../__testUtils__/whatIfFixtures';
import { WhatIfPicture } from './WhatIfPicture';

describe('WhatIfPicture', () => {
  it('draws the same picture before and after, with gained, lost and becoming-misplaced marked', async () => {
    const api = mockKratixApi({
      getPromiseTargeting: jest.fn().mockResolvedValue(targeting),
    });
    await renderKratix(
      <WhatIfPicture platform="default" promise="redis" whatIf={moveToProd} />,
      { api },
    );
    expect(
      await screen.findByText('Before: where the Promise runs now'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('After: where it runs with this change'),
    ).toBeInTheDocument();
    const [before, after] = screen.getAllByRole('img', {
      name: /^Scheduling picture of redis:/,
    });
    expect(before.getAttribute('aria-label')).toMatch(
      /2 misplaced edges; 1 gained, 1 lost, 0 WorkPlacements becoming misplaced$/,
    );
    expect(after.getAttribute('aria-label')).toMatch(
      /2 misplaced edges; 1 gained, 1 lost, 1 WorkPlacement becoming misplaced$/,
    );
    expect(
      after.querySelectorAll('line[data-becomes-misplaced="true"]'),
    ).toHaveLength(1);
    expect(
      before.querySelectorAll('line[data-becomes-misplaced="true"]'),
    ).toHaveLength(0);
    // Both pictures mark the Destinations gained and lost.
    for (const svg of [before, after]) {
      expect(svg.querySelector('text[data-change="gained"]')?.textContent).toBe(
        '+ gained',
      );
      expect(svg.querySelector('text[data-change="lost"]')?.textContent).toBe(
        '− lost',
      );
    }
    expect(api.getPromiseTargeting).toHaveBeenCalledWith('default', 'redis', {
      groupsLimit: 100,
    });
  });

  it("says so when today's targeting cannot be read", async () => {
    const api = mockKratixApi({
      getPromiseTargeting: jest.fn().mockRejectedValue(new Error('boom')),
    });
    await renderKratix(
      <WhatIfPicture platform="default" promise="redis" whatIf={moveToProd} />,
      { api },
    );
    expect(
      await screen.findByText(/could not be read: boom/),
    ).toBeInTheDocument();
  });
});
