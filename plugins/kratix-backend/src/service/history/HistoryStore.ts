import { DatabaseService } from '@backstage/backend-plugin-api';
import { HistoryEntry } from '@kratix-backstage/plugin-kratix-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

const TABLE = 'kratix_history';

/** Per-Promise history of writes made through the plugin (one row per action), in the plugin's database. */
export class HistoryStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<HistoryStore> {
    const db = await database.getClient();
    if (!(await db.schema.hasTable(TABLE))) {
      await db.schema.createTable(TABLE, t => {
        t.string('id').primary();
        t.string('at').notNullable();
        t.string('platform').notNullable();
        t.string('promise').notNullable();
        t.string('actor').notNullable();
        t.string('action').notNullable();
        t.string('outcome').notNullable();
        t.text('summary').notNullable();
        t.text('details').notNullable();
        t.index(['platform', 'promise', 'at']);
      });
    }
    return new HistoryStore(db);
  }

  async record(entry: Omit<HistoryEntry, 'id' | 'at'>): Promise<HistoryEntry> {
    const full: HistoryEntry = { id: randomUUID(), at: new Date().toISOString(), ...entry };
    await this.db(TABLE).insert({ ...full, details: JSON.stringify(full.details) });
    return full;
  }

  async list(platform: string, promise: string, limit = 200): Promise<HistoryEntry[]> {
    const rows = await this.db(TABLE)
      .where({ platform, promise })
      .orderBy('at', 'desc')
      .limit(limit);
    return rows.map((r: any) => ({ ...r, details: JSON.parse(r.details) }));
  }
}
