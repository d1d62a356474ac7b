import {
  EntityKratixDestinationsContent,
  EntityKratixHistoryCard,
  EntityKratixHistoryContent,
  EntityKratixDestinationContent,
  EntityKratixMisplacedContent,
  EntityKratixUpdatePromiseContent,
  EntityKratixWorkflowsContent,
  KratixPage,
  kratixPlugin,
} from './plugin';

describe('kratixPlugin (legacy frontend system)', () => {
  it('has the kratix id, the API and the page route', () => {
    expect(kratixPlugin.getId()).toBe('kratix');
    expect(Array.from(kratixPlugin.getApis(), a => a.api.id)).toEqual([
      'plugin.kratix.service',
    ]);
    expect(kratixPlugin.routes.root).toBeDefined();
  });

  it('provides the page, tabs and card as components', () => {
    for (const c of [
      KratixPage,
      EntityKratixDestinationsContent,
      EntityKratixMisplacedContent,
      EntityKratixUpdatePromiseContent,
      EntityKratixHistoryCard,
      EntityKratixHistoryContent,
      EntityKratixDestinationContent,
      EntityKratixWorkflowsContent,
    ]) {
      expect(typeof c).toBe('function');
    }
  });
});
