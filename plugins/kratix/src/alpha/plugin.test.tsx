import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { promiseEntity } from '../__testUtils__/fixtures';
import {
  kratixFrontendPlugin,
  kratixDestinationContent,
  kratixHistoryContent,
  kratixMisplacedContent,
  kratixPage,
  kratixTargetingContent,
  kratixUpdateContent,
  kratixWorkflowsContent,
} from './plugin';

const plain = {
  ...promiseEntity,
  metadata: { name: 'plain', annotations: {} },
};

describe('kratix frontend plugin (new frontend system)', () => {
  it('is the kratix plugin', () => {
    expect(kratixFrontendPlugin.pluginId).toBe('kratix');
  });

  it('mounts the page at /kratix', () => {
    const tester = createExtensionTester(kratixPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/kratix');
    expect(tester.get(coreExtensionData.title)).toBe('Kratix');
  });

  // Typed loosely: the three extension definitions differ in their name literal.
  const tabs: Array<[typeof kratixTargetingContent, string, string]> = [
    [kratixTargetingContent, '/kratix-targeting', 'Kratix targeting'],
    [kratixMisplacedContent as any, '/kratix-misplaced', 'Misplaced'],
    [kratixUpdateContent as any, '/kratix-update', 'Update'],
    [kratixHistoryContent as any, '/kratix-history', 'History'],
    [kratixWorkflowsContent as any, '/kratix-workflows', 'Workflows'],
  ];
  it.each(tabs)(
    'adds the entity tab %#, only for Promise entities',
    (extension, path, title) => {
      const tester = createExtensionTester(extension);
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
      const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
      expect(filter?.(promiseEntity)).toBe(true);
      expect(filter?.(plain)).toBe(false);
    },
  );

  it('adds a Kratix tab to Destination entities only', () => {
    const tester = createExtensionTester(kratixDestinationContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/kratix');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Kratix');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    const destination = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'dev-1',
        annotations: { 'kratix.io/destination-name': 'dev-1' },
      },
    };
    expect(filter?.(destination)).toBe(true);
    expect(filter?.(promiseEntity)).toBe(false);
  });

  it('has a History tab instead of an overview card', () => {
    expect(
      kratixFrontendPlugin.getExtension('entity-content:kratix/history'),
    ).toMatchObject({ kind: 'entity-content', name: 'history' });
    expect(() =>
      kratixFrontendPlugin.getExtension('entity-card:kratix/history' as any),
    ).toThrow();
  });
});
