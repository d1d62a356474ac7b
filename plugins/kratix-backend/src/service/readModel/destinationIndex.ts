import {
  Labels,
  SlimDestination,
  fileRootKey,
  matchingDestinationNames,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformCache } from '@kratix-backstage/plugin-kratix-node';

/**
 * What many preflights ask of the Destinations, answered once per change of the Destinations,
 * state stores or generation instead of once per WorkPlacement: which other Destinations share a
 * Destination's file root, and which Destinations a scheduling selector matches.
 */
export interface DestinationIndex {
  /** All Destinations (one array per change, not a copy per call). */
  destinations: readonly SlimDestination[];
  /** The other Destinations whose files resolve to the same directory (usually none). */
  sharingFilesWith(destination: string): readonly string[];
  /** Names of the Destinations the selector matches, sorted. */
  matching(matchLabels: Labels): readonly string[];
}

interface Kept {
  version: readonly unknown[];
  index: DestinationIndex;
}

const kept = new WeakMap<KratixPlatformCache, Kept>();

function build(cache: KratixPlatformCache): DestinationIndex {
  const destinations = cache.destinations.all();
  const byRoot = new Map<string, string[]>();
  for (const d of destinations) {
    const key = fileRootKey(d, cache.stateStoreOf(d), cache.generation);
    const names = byRoot.get(key);
    if (names) names.push(d.name);
    else byRoot.set(key, [d.name]);
  }
  const sharing = new Map<string, string[]>();
  for (const names of byRoot.values()) {
    if (names.length < 2) continue;
    for (const n of names)
      sharing.set(
        n,
        names.filter(o => o !== n),
      );
  }
  const matching = new Map<string, string[]>();
  return {
    destinations,
    sharingFilesWith: name => sharing.get(name) ?? [],
    matching: matchLabels => {
      // Label keys are unique, so sorting the entries orders them by key.
      const key = JSON.stringify(Object.entries(matchLabels).sort());
      let names = matching.get(key);
      if (!names) {
        names = matchingDestinationNames(
          destinations,
          matchLabels,
          cache.generation,
        );
        matching.set(key, names);
      }
      return names;
    },
  };
}

export function destinationIndexOf(
  cache: KratixPlatformCache,
): DestinationIndex {
  const version = [
    cache.generation,
    cache.destinations.revision,
    cache.stateStores.revision,
  ];
  const k = kept.get(cache);
  if (k && k.version.every((v, i) => v === version[i])) return k.index;
  const index = build(cache);
  kept.set(cache, { version, index });
  return index;
}
