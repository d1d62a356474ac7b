/*
 * How a fuzz case breaks a valid request body: one mutation drawn per case (wrong types, unknown
 * keys, hostile names, out-of-range numbers, bad labels), by the body kind of the route.
 */
import {
  BAD_LABEL_KEYS,
  BAD_LABEL_VALUES,
  DECOYS,
  INVALID_NAMES,
  RouteSpec,
} from './hostileValues';
import { Rng } from '@kratix-backstage/test-platform';

/** Applies one mutation, drawn from `rng`, to `body` in place; every mutation makes it invalid. */
export function mutateBody(
  rng: Rng,
  kind: NonNullable<RouteSpec['body']>,
  body: Record<string, any>,
  canaryItems: ReadonlyArray<{ namespace: string; name: string }>,
): void {
  const decoy = () => rng.pick(DECOYS);
  const hostileName = () => rng.pick(INVALID_NAMES);
  const badLabels = (): Record<string, unknown> =>
    rng.chance(0.5)
      ? { [rng.pick(BAD_LABEL_KEYS)]: 'v' }
      : { environment: rng.pick(BAD_LABEL_VALUES) };
  // Kinds of mutation; those that keep the body valid are not used.
  const mutations: Array<() => void> = [
    () => {
      body[
        rng.pick([
          'extra',
          'labelSelector',
          'namespace',
          'uid',
          'Items',
          'DRYRUN',
          'dry_run',
        ])
      ] = decoy();
    },
    () => {
      const keys = Object.keys(body).filter(k => k !== 'dryRun');
      const k = rng.pick(keys);
      body[k] = rng.pick(
        DECOYS.filter(
          d =>
            typeof d !== typeof body[k] ||
            Array.isArray(d) !== Array.isArray(body[k]),
        ),
      );
    },
    () => {
      if ('dryRun' in body)
        body.dryRun = rng.pick(['true', 1, 'yes', null, [true], {}]);
      else body.force = rng.pick(['true', 1, null]);
    },
  ];
  switch (kind) {
    case 'update':
      mutations.push(
        () => delete body.resourceVersion,
        () => delete body.specPatch,
        () => (body.spec = { destinationSelectors: [] }),
        () =>
          (body.resourceVersion = rng.pick(['', 'x'.repeat(65), 123, null])),
        () =>
          (body.generation = rng.pick([
            0,
            -1,
            1.5,
            '1',
            1e308,
            2 ** 53 + 2,
            null,
            [],
          ])),
        () => (body.specPatch = rng.pick([[], 'x', 1, null, [{}]])),
        () =>
          (body.specPatch = {
            destinationSelectors: [{ matchLabels: badLabels() }],
          }),
        () =>
          (body.specPatch = {
            destinationSelectors: rng.pick([
              {},
              'x',
              [1],
              [{ matchLabels: [] }],
              [{ matchLabels: { a: 1 } }],
              [{ other: 1 }],
            ]),
          }),
        () => (body.specPatch = { dependencies: rng.pick(['x', 1, {}]) }),
      );
      break;
    case 'preflight':
    case 'cleanup':
      mutations.push(
        () => {
          body.items = rng.pick([[], {}, 'x', [1], [null], [[]], [{}]]);
          delete body.all;
        },
        () => {
          body.items = [
            {
              namespace: rng.chance(0.5)
                ? hostileName()
                : 'kratix-platform-system',
              name: hostileName(),
            },
          ];
          delete body.all;
        },
        () => {
          body.items = [
            {
              namespace: 'kratix-platform-system',
              name: canaryItems[0]?.name ?? 'x',
              uid: 'u'.repeat(65),
            },
          ];
          delete body.all;
        },
        () => {
          body.items = [
            {
              namespace: 'kratix-platform-system',
              name: 'x',
              resourceVersion: rng.pick([1, null, 'r'.repeat(65)]),
            },
          ];
          delete body.all;
        },
        () => {
          body.items = canaryItems.map(i => ({
            namespace: i.namespace,
            name: i.name,
          }));
          body.all = true;
        },
        () => {
          delete body.items;
          body.all = rng.pick([false, 'true', 1]);
        },
        () => {
          delete body.items;
          delete body.all;
        },
        () => {
          delete body.items;
          body.all = true;
          body[rng.pick(['promise', 'destination'])] = hostileName();
        },
      );
      break;
    case 'promisePreview':
      mutations.push(
        () => delete body.specPatch,
        () => (body.spec = { destinationSelectors: [] }),
        () => (body.specPatch = rng.pick([[], 'x', 1, null])),
        () =>
          (body.specPatch = {
            destinationSelectors: [{ matchLabels: badLabels() }],
          }),
        () =>
          (body.specPatch = {
            destinationSelectors: rng.pick([
              {},
              'x',
              [1],
              [{ matchLabels: [] }],
              [{ matchLabels: { a: 1 } }],
            ]),
          }),
      );
      break;
    case 'destinationsPreview':
      mutations.push(
        () => (body.changes = rng.pick([{}, 'x', [1], [null], [{}], null])),
        () => (body.changes = [{ name: hostileName(), labels: { a: 'b' } }]),
        () => (body.changes = [{ name: 'dev-1', labels: badLabels() }]),
        () =>
          (body.changes = [
            { name: 'dev-1', remove: rng.pick(['yes', 1, null]) },
          ]),
        () => (body.add = [{ name: 'new-dest', labels: badLabels() }]),
        () =>
          (body.add = [
            {
              name: 'new-dest',
              labels: { a: 'b' },
              stateStoreRef: {
                kind: rng.pick(['Secret', '', 'GitStateStore ']),
                name: 'local',
              },
            },
          ]),
        () =>
          (body.changes = Array.from({ length: 1001 }, (_, i) => ({
            name: `d-${i}`,
          }))),
      );
      break;
    default:
      break;
  }
  rng.pick(mutations)();
}
