import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  DEFAULT_MISPLACED_FILTERS,
  MisplacedFilters,
} from './MisplacedFilters';

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: label }));
  fireEvent.click(within(await screen.findByRole('listbox')).getByText(option));
}

describe('MisplacedFilters', () => {
  it('reports filter changes', async () => {
    const onChange = jest.fn();
    const onSearchTextChange = jest.fn();
    await renderInTestApp(
      <MisplacedFilters
        value={DEFAULT_MISPLACED_FILTERS}
        searchText=""
        onSearchTextChange={onSearchTextChange}
        onChange={onChange}
        promises={['postgres', 'redis']}
      />,
    );
    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: 'cache' },
    });
    expect(onSearchTextChange).toHaveBeenCalledWith('cache');

    await choose('Destination still matches', 'no');
    expect(onChange).toHaveBeenLastCalledWith({
      sort: 'age',
      stillMatches: false,
    });

    await choose('Promise', 'redis');
    expect(onChange).toHaveBeenLastCalledWith({
      sort: 'age',
      promise: 'redis',
    });

    await choose('Label', 'kratix.io/misscheduled (legacy)');
    expect(onChange).toHaveBeenLastCalledWith({ sort: 'age', label: 'legacy' });
  });

  it('has no Promise filter inside one Promise', async () => {
    await renderInTestApp(
      <MisplacedFilters
        value={DEFAULT_MISPLACED_FILTERS}
        searchText=""
        onSearchTextChange={jest.fn()}
        onChange={jest.fn()}
      />,
    );
    expect(
      screen.queryByRole('button', { name: 'Promise' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Kind' })).toBeInTheDocument();
  });
});
