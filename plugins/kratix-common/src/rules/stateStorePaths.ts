import { KratixGeneration } from '../model/kratixVersion';
import {
  SlimDestination,
  SlimStateStore,
  SlimWorkPlacement,
} from '../model/objects';

/** Like Go's filepath.Join: empty segments drop out, duplicate slashes collapse. */
export function joinStorePath(...segments: Array<string | undefined>): string {
  return segments
    .filter((s): s is string => Boolean(s))
    .join('/')
    .split('/')
    .filter(s => s !== '' && s !== '.')
    .join('/');
}

/**
 * The root a Destination's files live under inside its state store.
 * current: `<store.path>/<destination.path>` (ae170e22 lib/writers/git.go:74-77);
 * v0.125: `<store.path>/<destination.path>/<destination.name>` (v0.125.0 lib/writers/git.go:103).
 */
export function destinationRoot(
  destination: Pick<SlimDestination, 'name' | 'path'>,
  store: Pick<SlimStateStore, 'path'> | undefined,
  generation: KratixGeneration,
): string {
  return joinStorePath(
    store?.path,
    destination.path,
    generation === 'v0.125' ? destination.name : undefined,
  );
}

/**
 * The directory Kratix deletes when a WorkPlacement is deleted in `nestedByMetadata` mode
 * (getDir: ae170e22 internal/controller/workplacement_controller.go:675-681; v0.125.0
 * controllers/workplacement_controller.go:264-272). Dependencies:
 * `dependencies/<promise>/<pipeline>/<5hex>/`; resources:
 * `resources/<wp namespace>/<promise>/<resource>/<pipeline>/<5hex>/`. An empty pipeline name
 * (static dependencies) drops out.
 */
export function workPlacementDirectory(
  wp: Pick<
    SlimWorkPlacement,
    'namespace' | 'promiseName' | 'resourceName' | 'pipelineName' | 'shortId'
  >,
  destination: Pick<SlimDestination, 'name' | 'path'>,
  store: Pick<SlimStateStore, 'path'> | undefined,
  generation: KratixGeneration,
): string {
  const root = destinationRoot(destination, store, generation);
  if (wp.resourceName) {
    return `${joinStorePath(
      root,
      'resources',
      wp.namespace,
      wp.promiseName,
      wp.resourceName,
      wp.pipelineName,
      wp.shortId,
    )}/`;
  }
  return `${joinStorePath(
    root,
    'dependencies',
    wp.promiseName,
    wp.pipelineName,
    wp.shortId,
  )}/`;
}
