import {
  EntityKratixDestinationsContent,
  EntityKratixHistoryCard,
  EntityKratixHistoryContent,
  EntityKratixDestinationContent,
  EntityKratixMisplacedContent,
  EntityKratixUpdatePromiseContent,
  KratixPage,
  kratixPlugin,
} from './plugin';

describe('kratixPlugin (legacy frontend system)', () => {
  it('has the kratix id, the API and the page route', () => {
    expect(kratixPlugin.getId()).toBe('kratix');
    expect(kratixPlugin.getApis()).toHaveLength(1);
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
    ]) {
      expect(typeof c).toBe('function');
    }
  });
});
