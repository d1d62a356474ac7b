import { DestinationSelectorEntry } from '../model/objects';
import { aDestination } from '../testUtils';
import { matchingDestinationNames, targetedDestinations } from './targeting';

const promise = (...selectors: Array<Record<string, string>>) => ({
  destinationSelectors: selectors.map(
    (matchLabels): DestinationSelectorEntry => ({ matchLabels }),
  ),
});

const destinations = () => [
  aDestination('dev-2', { environment: 'dev', region: 'us' }),
  aDestination('dev-1', { environment: 'dev', region: 'eu' }),
  aDestination('prod-1', { environment: 'prod', region: 'eu' }),
];

describe('targetedDestinations', () => {
  it('squashes the selectors (first entry wins) and matches with AND semantics, sorted', () => {
    const p = promise(
      { environment: 'dev' },
      { environment: 'prod', region: 'eu' },
    );
    expect(targetedDestinations(p, destinations(), 'current')).toEqual([
      'dev-1',
    ]);
    expect(
      targetedDestinations(
        promise({ environment: 'dev' }),
        destinations(),
        'current',
      ),
    ).toEqual(['dev-1', 'dev-2']);
  });

  it('targets every Destination with an empty selector except strictMatchLabels ones', () => {
    const dests = [
      ...destinations(),
      aDestination('strict', { a: 'b' }, { strictMatchLabels: true }),
    ];
    expect(targetedDestinations(promise(), dests, 'current')).toEqual([
      'dev-1',
      'dev-2',
      'prod-1',
    ]);
  });

  it('follows the rules of the platform generation for Destinations being deleted', () => {
    const dests = [
      aDestination(
        'gone',
        { environment: 'dev' },
        { deletionTimestamp: '2026-01-01T00:00:00Z' },
      ),
    ];
    const p = promise({ environment: 'dev' });
    expect(targetedDestinations(p, dests, 'current')).toEqual([]);
    expect(targetedDestinations(p, dests, 'v0.125')).toEqual(['gone']);
  });
});

describe('matchingDestinationNames', () => {
  it('names the Destinations a selector matches, sorted, under the generation rules', () => {
    const all = [
      aDestination('b', { env: 'prod' }),
      aDestination('a', { env: 'prod', zone: 'eu' }),
      aDestination('c', { env: 'dev' }),
    ];
    expect(matchingDestinationNames(all, { env: 'prod' }, 'current')).toEqual([
      'a',
      'b',
    ]);
    expect(matchingDestinationNames(all, { env: 'qa' }, 'current')).toEqual([]);
  });
});
