import { PlatformListResponse } from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformsService } from '@kratix-backstage/plugin-kratix-node';

/**
 * Every configured platform with its reachability and object counts; platforms whose connection
 * could not be built are listed too, with the reason and zero counts.
 */
export function platformList(
  registry: KratixPlatformsService,
): PlatformListResponse {
  const items: PlatformListResponse['items'] = registry.all().map(p => {
    const s = p.cache.status();
    return {
      name: p.config.name,
      generation: s.generation,
      synced: s.synced,
      connected: s.connected,
      error: s.error,
      disconnectedSince: s.disconnectedSince,
      counts: {
        promises: p.cache.promises.size,
        destinations: p.cache.destinations.size,
        works: p.cache.works.size,
        workPlacements: p.cache.workPlacements.size,
        misplaced: p.cache.workPlacements.countByIndex('misplaced', 'true'),
      },
    };
  });
  for (const b of registry.brokenPlatforms()) {
    items.push({
      name: b.name,
      synced: false,
      connected: false,
      error: b.error,
      counts: {
        promises: 0,
        destinations: 0,
        works: 0,
        workPlacements: 0,
        misplaced: 0,
      },
    });
  }
  return { items };
}
