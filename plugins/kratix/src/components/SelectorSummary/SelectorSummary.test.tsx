import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { targeting } from '../../__testUtils__/fixtures';
import { SelectorSummary } from './SelectorSummary';

describe('SelectorSummary', () => {
  it('shows each key with the entry it comes from, and the conflicts', async () => {
    await renderInTestApp(<SelectorSummary selectors={targeting.selectors} />);
    expect(
      screen.getByText('environment=dev ← destinationSelectors[0]'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('zone=eu ← destinationSelectors[1]'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "entry 1's environment=prod is ignored: entry 0 sets environment=dev (first entry wins)",
      ),
    ).toBeInTheDocument();
  });

  it('explains an empty selector', async () => {
    await renderInTestApp(
      <SelectorSummary
        selectors={{ entries: [], matchLabels: {}, entryOf: {}, conflicts: [] }}
      />,
    );
    expect(
      screen.getByText(/sets no destinationSelectors/),
    ).toBeInTheDocument();
  });
});
