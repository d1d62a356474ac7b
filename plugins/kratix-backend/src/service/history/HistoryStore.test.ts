import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { HistoryStore } from './HistoryStore';

jest.setTimeout(60_000);

/**
 * SQLite always; PostgreSQL when a server is given through the backend-test-utils variable, e.g.
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (dev/postgres/up.sh prints it). No Docker.
 */
const databases = TestDatabases.create({
  ids: [
    'SQLITE_3',
    'POSTGRES_18',
    'POSTGRES_17',
    'POSTGRES_16',
    'POSTGRES_15',
    'POSTGRES_14',
    'POSTGRES_13',
  ],
  disableDocker: true,
});

const entry = (promise: string, summary: string) => ({
  platform: 'local',
  promise,
  actor: 'user:default/jane',
  action: 'promise.update' as const,
  outcome: 'succeeded' as const,
  summary,
  details: { diff: '- a\n+ b', nested: { count: 2 } },
});

describe.each(databases.eachSupportedId())('HistoryStore on %s', databaseId => {
  it('migrates a new database with the shipped migrations, then records and lists entries', async () => {
    const knex = await databases.init(databaseId);
    const store = await HistoryStore.create(mockServices.database({ knex }));

    const migrations = await knex('knex_migrations').select('name');
    expect(migrations.map(m => m.name)).toEqual([
      '20261204000000_kratix_history.js',
    ]);

    const first = await store.record(entry('redis', 'first'));
    await new Promise(r => setTimeout(r, 5)); // a later ISO timestamp
    await store.record(entry('redis', 'second'));
    await store.record(entry('postgres', 'other Promise'));

    const listed = await store.list('local', 'redis');
    expect(listed.map(e => e.summary)).toEqual(['second', 'first']);
    expect(listed[1]).toEqual(first);
    expect(listed[1].details).toEqual({
      diff: '- a\n+ b',
      nested: { count: 2 },
    });
    expect(await store.list('local', 'redis', 1)).toHaveLength(1);
  });

  it('keeps the table and its rows that a version before migrations created', async () => {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('kratix_history', t => {
      t.string('id').primary();
      for (const c of [
        'at',
        'platform',
        'promise',
        'actor',
        'action',
        'outcome',
      ])
        t.string(c).notNullable();
      t.text('summary').notNullable();
      t.text('details').notNullable();
    });
    await knex('kratix_history').insert({
      ...entry('redis', 'from before'),
      id: 'old-1',
      at: '2026-01-01T00:00:00.000Z',
      details: '{}',
    });

    const store = await HistoryStore.create(mockServices.database({ knex }));
    await store.record(entry('redis', 'after the upgrade'));
    expect((await store.list('local', 'redis')).map(e => e.summary)).toEqual([
      'after the upgrade',
      'from before',
    ]);
  });

  it('runs no migration when the backend says to skip them', async () => {
    const knex = await databases.init(databaseId);
    await HistoryStore.create(
      mockServices.database({ knex, migrations: { skip: true } }),
    );
    expect(await knex.schema.hasTable('kratix_history')).toBe(false);
  });
});
