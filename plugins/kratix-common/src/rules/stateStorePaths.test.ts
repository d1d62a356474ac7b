import { aDestination, aWork, aWorkPlacement } from '../testUtils';
import {
  destinationRoot,
  joinStorePath,
  workPlacementDirectory,
} from './stateStorePaths';

describe('state store paths', () => {
  it('joins like filepath.Join', () => {
    expect(joinStorePath('', 'a/', undefined, '/b', '.', 'c')).toBe('a/b/c');
  });

  it('appends the Destination name only for v0.125', () => {
    const d = aDestination('worker-1', {}, { path: 'clusters' });
    expect(destinationRoot(d, { path: 'platform' }, 'current')).toBe(
      'platform/clusters',
    );
    expect(destinationRoot(d, undefined, 'v0.125')).toBe('clusters/worker-1');
  });

  it('builds the dependency directory without the empty pipeline name', () => {
    const work = aWork('redis-static-deps-abcde', []);
    const wp = aWorkPlacement(work, 'worker-1');
    expect(
      workPlacementDirectory(
        wp,
        aDestination('worker-1', {}),
        undefined,
        'v0.125',
      ),
    ).toBe('destinations/worker-1/dependencies/redis/5058f/');
  });

  it('builds the resource directory with namespace, resource and pipeline', () => {
    const work = aWork('redis-example-x', [], {
      namespace: 'default',
      resourceName: 'example',
      pipelineName: 'instance-configure',
    });
    const wp = aWorkPlacement(work, 'worker-1');
    expect(
      workPlacementDirectory(
        wp,
        aDestination('worker-1', {}, { path: 'worker-1' }),
        undefined,
        'current',
      ),
    ).toBe(
      'worker-1/resources/default/redis/example/instance-configure/5058f/',
    );
  });
});
