import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { HistoryEntry } from '@kratix-backstage/plugin-kratix-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

const TABLE = 'kratix_history';

/** Per-Promise history of writes made through the plugin (one row per action), in the plugin's database. */
export class HistoryStore {
  private constructor(private readonly db: Knex) {}

  /** Migrates the plugin database (knex migrations shipped in the package's `migrations/`). */
  static async create(database: DatabaseService): Promise<HistoryStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@kratix-backstage/plugin-kratix-backend',
          'migrations',
        ),
      });
    }
    return new HistoryStore(db);
  }

  async record(entry: Omit<HistoryEntry, 'id' | 'at'>): Promise<HistoryEntry> {
    const full: HistoryEntry = {
      id: randomUUID(),
      at: new Date().toISOString(),
      ...entry,
    };
    await this.db(TABLE).insert({
      ...full,
      details: JSON.stringify(full.details),
    });
    return full;
  }

  async list(
    platform: string,
    promise: string,
    limit = 200,
  ): Promise<HistoryEntry[]> {
    const rows = await this.db(TABLE)
      .where({ platform, promise })
      .orderBy('at', 'desc')
      .limit(limit);
    return rows.map((r: any) => ({ ...r, details: JSON.parse(r.details) }));
  }
}
