import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { DiffView } from './DiffView';

describe('DiffView', () => {
  it('marks added and removed lines', async () => {
    await renderInTestApp(
      <DiffView
        diff={
          '--- before\n+++ after\n@@ -1 +1 @@\n-  env: dev\n+  env: prod\n   zone: eu\n'
        }
      />,
    );
    const exact = { normalizer: (s: string) => s };
    expect(screen.getByText('-  env: dev', exact)).toHaveAttribute(
      'data-diff',
      '-',
    );
    expect(screen.getByText('+  env: prod', exact)).toHaveAttribute(
      'data-diff',
      '+',
    );
    expect(screen.getByText('   zone: eu', exact)).toHaveAttribute(
      'data-diff',
      ' ',
    );
  });

  it('says when nothing changes', async () => {
    await renderInTestApp(<DiffView diff="" />);
    expect(screen.getByText('No change to the spec.')).toBeInTheDocument();
  });
});
