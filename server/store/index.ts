import { join } from 'node:path';
import type { Config } from '../config';
import { PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';
import type { DocStore, MetaStore } from './types';

export type Store = DocStore & MetaStore;

/**
 * The stores for this configuration: PostgreSQL (migrated at start-up) when DATABASE_URL is set, so several
 * instances share boards and documents; otherwise the embedded SQLite file under DATA_DIR.
 */
export async function createStores(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'DATA_DIR'>,
  log: (message: string) => void = () => {},
): Promise<Store> {
  if (config.DATABASE_URL) {
    return PostgresStore.open(config.DATABASE_URL, {
      schema: config.DATABASE_SCHEMA,
      onError: (err) => log(`postgres: ${err.message}`),
    });
  }
  return new SqliteStore(join(config.DATA_DIR, 'threatboard.db'));
}
