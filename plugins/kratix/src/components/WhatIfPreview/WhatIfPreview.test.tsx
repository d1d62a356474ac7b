import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { whatIf } from '../../__testUtils__/writeFixtures';
import { WhatIfPreview } from './WhatIfPreview';

describe('WhatIfPreview', () => {
  it('shows the summary and, collapsed, the raw answer', async () => {
    await renderInTestApp(<WhatIfPreview value={whatIf} />);
    expect(
      screen.getByText(/Marked misplaced, kept/, { selector: 'li' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByText('Raw what-if answer (JSON)'));
    expect(screen.getByLabelText('What-if result').textContent).toContain(
      '"workPlacementsMisplaced": 1',
    );
  });

  it('shows a failure', async () => {
    await renderInTestApp(
      <WhatIfPreview error={new Error('not implemented')} />,
    );
    expect(
      screen.getByText('The what-if preview failed: not implemented'),
    ).toBeInTheDocument();
  });

  it('renders nothing without a preview', async () => {
    const { container } = await renderInTestApp(<WhatIfPreview />);
    expect(container).toBeEmptyDOMElement();
  });
});
