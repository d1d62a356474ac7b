import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { PlatformSummary } from '@kratix-backstage/plugin-kratix-common';
import { PlatformPicker } from './PlatformPicker';

const counts = {
  promises: 2,
  destinations: 3,
  works: 4,
  workPlacements: 5,
  misplaced: 1,
};
const platforms: PlatformSummary[] = [
  { name: 'east', synced: true, connected: true, counts },
  {
    name: 'west',
    synced: true,
    connected: false,
    error: 'connect ECONNREFUSED',
    disconnectedSince: '2026-01-01T10:00:00Z',
    counts,
  },
];

describe('PlatformPicker', () => {
  it('offers a choice between several platforms', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <PlatformPicker platforms={platforms} value="east" onChange={onChange} />,
    );
    expect(screen.getByText('connected')).toBeInTheDocument();
    expect(
      screen.getByText(
        '2 Promises · 3 Destinations · 5 WorkPlacements · 1 misplaced',
      ),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('button', { name: 'Platform' }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('west'),
    );
    expect(onChange).toHaveBeenCalledWith('west');
  });

  it('shows one platform without a select, with its error', async () => {
    await renderInTestApp(
      <PlatformPicker
        platforms={[platforms[1]]}
        value="west"
        onChange={jest.fn()}
      />,
    );
    expect(
      screen.queryByRole('button', { name: 'Platform' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Platform west')).toBeInTheDocument();
    expect(screen.getByText('unreachable')).toBeInTheDocument();
    expect(
      screen.getByText('connect ECONNREFUSED since 2026-01-01T10:00:00Z'),
    ).toBeInTheDocument();
  });
});
