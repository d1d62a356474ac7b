import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { DestinationSelectorEntry } from '@kratix-backstage/plugin-kratix-common';
import { SelectorEditor } from './SelectorEditor';
import {
  SelectorRows,
  parseSelectorEntries,
  rowsFromSelectors,
  selectorsFromRows,
  validateRows,
} from './selectorRows';

describe('selector rows', () => {
  it('converts both ways, dropping keyless rows', () => {
    const entries: DestinationSelectorEntry[] = [
      { matchLabels: { env: 'dev', zone: 'eu' } },
      { matchLabels: { tier: 'gold' } },
    ];
    const rows = rowsFromSelectors(entries);
    expect(selectorsFromRows(rows)).toEqual(entries);
    expect(
      selectorsFromRows([
        [
          { key: ' ', value: '' },
          { key: 'a ', value: ' b' },
        ],
      ]),
    ).toEqual([{ matchLabels: { a: 'b' } }]);
  });

  it('validates', () => {
    expect(validateRows([[{ key: 'a', value: '1' }]])).toEqual([]);
    expect(
      validateRows([
        [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
          { key: '', value: 'x' },
        ],
        [],
      ]),
    ).toEqual([
      'entry 0: key a appears twice',
      'entry 0: a label has a value but no key',
      'entry 1 has no labels: remove it or add a key',
    ]);
  });

  it('parses entries from YAML values', () => {
    expect(parseSelectorEntries(undefined)).toEqual({ entries: [] });
    expect(parseSelectorEntries([{ matchLabels: { n: 1 } }])).toEqual({
      entries: [{ matchLabels: { n: '1' } }],
    });
    expect(parseSelectorEntries({ matchLabels: {} })).toHaveProperty('error');
    expect(parseSelectorEntries([{ labels: {} }])).toHaveProperty('error');
  });
});

describe('SelectorEditor', () => {
  const Harness = (props: {
    initial: SelectorRows;
    onRows: (r: SelectorRows) => void;
  }) => {
    const [rows, setRows] = useState(props.initial);
    return (
      <SelectorEditor
        value={rows}
        onChange={r => {
          setRows(r);
          props.onRows(r);
        }}
      />
    );
  };

  it('adds, edits and removes entries and labels', async () => {
    const onRows = jest.fn();
    await renderInTestApp(
      <Harness initial={[[{ key: 'env', value: 'dev' }]]} onRows={onRows} />,
    );
    fireEvent.change(screen.getByLabelText('Entry 0 value 0'), {
      target: { value: 'prod' },
    });
    expect(onRows).toHaveBeenLastCalledWith([[{ key: 'env', value: 'prod' }]]);

    fireEvent.click(
      screen.getByRole('button', { name: 'Add label to entry 0' }),
    );
    fireEvent.change(screen.getByLabelText('Entry 0 key 1'), {
      target: { value: 'zone' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add entry' }));
    fireEvent.change(screen.getByLabelText('Entry 1 key 0'), {
      target: { value: 'tier' },
    });
    expect(onRows).toHaveBeenLastCalledWith([
      [
        { key: 'env', value: 'prod' },
        { key: 'zone', value: '' },
      ],
      [{ key: 'tier', value: '' }],
    ]);

    fireEvent.click(
      screen.getByRole('button', { name: 'Remove label 0 of entry 0' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove entry 1' }));
    expect(onRows).toHaveBeenLastCalledWith([[{ key: 'zone', value: '' }]]);
  });

  it('explains an empty list', async () => {
    await renderInTestApp(<SelectorEditor value={[]} onChange={jest.fn()} />);
    expect(
      screen.getByText(/No entries: every Destination matches/),
    ).toBeInTheDocument();
  });
});
