/*
 * Two backend replicas on one PostgreSQL against the real local platform: each replica has its
 * own watch cache and its own database connections; the plugin database is shared. Run by
 * `npm run test:postgres` (dev/postgres/test.sh starts PostgreSQL; the platform must be up).
 */
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  applyPromise,
  deletePromise,
  getPromise,
  isWritten,
  promiseManifest,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
} from '../../__testUtils__/platformTestBackend';

jest.setTimeout(240_000);

const databases = TestDatabases.create({
  ids: [
    'POSTGRES_18',
    'POSTGRES_17',
    'POSTGRES_16',
    'POSTGRES_15',
    'POSTGRES_14',
    'POSTGRES_13',
  ],
  disableDocker: true,
});
const postgres = databases.eachSupportedId()[0]?.[0];

describe('two backend replicas on one PostgreSQL', () => {
  const connections: Knex[] = [];
  const replicas: PlatformTestBackend[] = [];
  const name = uniqueName('replicas');

  beforeAll(async () => {
    if (!postgres) {
      throw new Error(
        'no PostgreSQL: run through `npm run test:postgres` (it sets BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING)',
      );
    }
    const first = await databases.init(postgres);
    // The second replica gets its own pool to the same database, as another process would.
    connections.push(first, knexFactory(first.client.config));
    for (const knex of connections) {
      replicas.push(
        await startPlatformTestBackend({
          features: [mockServices.database.factory({ knex })],
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    await connections[1]?.destroy();
    await deletePromise(name).catch(() => undefined);
  });

  const misplacedOn = async (replica: PlatformTestBackend) =>
    (
      await request(replica.server).get(
        `/api/kratix/platforms/local/promises/${name}/misplaced`,
      )
    ).body.total;

  it('both serve reads, share the history, and concurrent cleanups of the same items delete each once', async () => {
    const [a] = replicas;
    await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
    await waitFor('dev WorkPlacements written', 60_000, async () => {
      const wps = await workPlacementsOf(name);
      return wps.length === 2 && wps.every(isWritten);
    });
    const loaded = await getPromise(name);

    // An update through replica A.
    const update = await request(a.server)
      .post(`/api/kratix/platforms/local/promises/${name}/update`)
      .send({
        resourceVersion: loaded.metadata.resourceVersion,
        generation: loaded.metadata.generation,
        specPatch: {
          destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
        },
      });
    expect(update.status).toBe(200);

    // Both replicas' caches see what Kratix marked misplaced.
    await waitFor('2 misplaced on both replicas', 60_000, async () =>
      (await Promise.all(replicas.map(misplacedOn))).every(n => n === 2),
    );
    const devUids = (await workPlacementsOf(name))
      .filter(wp => wp.spec.targetDestinationName.startsWith('dev-'))
      .map(wp => wp.metadata.uid)
      .sort();
    expect(devUids).toHaveLength(2);

    // The same cleanup on both replicas at once.
    const [onA, onB] = await Promise.all(
      replicas.map(r =>
        request(r.server)
          .post('/api/kratix/platforms/local/cleanup')
          .send({ all: true, promise: name }),
      ),
    );
    expect([onA.status, onB.status]).toEqual([200, 200]);
    const deleted = [...onA.body.results, ...onB.body.results]
      .filter((r: any) => r.outcome === 'deleted')
      .map((r: any) => `${r.namespace}/${r.name}`)
      .sort();
    const devNames = [...onA.body.results, ...onB.body.results]
      .map((r: any) => `${r.namespace}/${r.name}`)
      .filter((v, i, all) => all.indexOf(v) === i)
      .sort();
    // Each misplaced WorkPlacement deleted exactly once, by one replica or the other.
    expect(deleted).toEqual(devNames);
    expect(devNames).toHaveLength(2);
    // The replica that came second refused each item the other one had deleted.
    const others = [...onA.body.results, ...onB.body.results].filter(
      (r: any) => r.outcome !== 'deleted',
    );
    expect(others).toEqual(
      others.map(() =>
        expect.objectContaining({
          outcome: 'refused',
          reason: expect.stringMatching(
            /no longer exists|already being deleted|uid changed|no longer misplaced|changed/,
          ),
        }),
      ),
    );
    // Those objects are gone (Kratix may re-create a dependency WorkPlacement under a new uid).
    await waitFor('the deleted uids are gone', 60_000, async () => {
      const now = new Set(
        (await workPlacementsOf(name)).map(wp => wp.metadata.uid),
      );
      return devUids.every(uid => !now.has(uid));
    });

    // One database: each replica's history shows the update made on A and both cleanups.
    for (const replica of replicas) {
      const hist = await request(replica.server).get(
        `/api/kratix/platforms/local/promises/${name}/history`,
      );
      expect(hist.status).toBe(200);
      const actions = hist.body.items.map((h: any) => h.action);
      expect(
        actions.filter((x: string) => x === 'promise.update'),
      ).toHaveLength(1);
      expect(
        actions.filter((x: string) => x === 'workplacement.delete'),
      ).toHaveLength(2);
      const summaries = hist.body.items
        .filter((h: any) => h.action === 'workplacement.delete')
        .map(
          (h: any) =>
            h.details.results.filter((r: any) => r.outcome === 'deleted')
              .length,
        );
      expect(summaries.reduce((x: number, y: number) => x + y, 0)).toBe(2);
    }
  });
});
