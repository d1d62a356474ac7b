import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { EntityKratixDestinationsContent } from './EntityKratixDestinationsContent';

const promiseEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'postgresql',
    annotations: { 'kratix.io/promise-name': 'postgresql' },
  },
  spec: {
    type: 'kratix-promise',
    owner: 'platform-team',
    lifecycle: 'production',
  },
};

describe('EntityKratixDestinationsContent', () => {
  it('shows the Promise name of the entity', async () => {
    await renderInTestApp(
      <EntityProvider entity={promiseEntity}>
        <EntityKratixDestinationsContent />
      </EntityProvider>,
    );

    expect(screen.getByText('Kratix destinations')).toBeInTheDocument();
    expect(screen.getByText('postgresql')).toBeInTheDocument();
  });

  it('explains a missing annotation', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={{ ...promiseEntity, metadata: { name: 'plain' } }}
      >
        <EntityKratixDestinationsContent />
      </EntityProvider>,
    );

    expect(
      screen.getByText(/has no kratix.io\/promise-name annotation/),
    ).toBeInTheDocument();
  });
});
