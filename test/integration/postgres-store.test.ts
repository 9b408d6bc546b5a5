import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PostgresStore } from '../../server/store/postgres';
import { migrations } from '../../server/store/pg-migrations';
import { dropSchemas, needService, TEST_DATABASE_URL, uniqueSchema } from '../helpers/services';
import { docStoreContract } from './doc-store.contract';
import { metaStoreContract } from './meta-store.contract';

const available = await needService('PostgreSQL');
const schemas = new Set<string>();
afterAll(() => dropSchemas(schemas));

/** Every store opened by the contract suites gets a schema of its own. */
function openFresh(schema = uniqueSchema()) {
  schemas.add(schema);
  return PostgresStore.open(TEST_DATABASE_URL, { schema });
}

describe.runIf(available)('PostgreSQL store', () => {
  docStoreContract('postgres', () => openFresh());
  metaStoreContract('postgres', () => openFresh());

  it('migrates once when several instances start at the same time, and again finds nothing to do', async () => {
    const schema = uniqueSchema();
    const stores = await Promise.all([openFresh(schema), openFresh(schema), openFresh(schema)]);
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    const rows = await c.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    await c.end();
    expect(rows.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    // Data written by one instance is seen by another, and survives a restart of all of them.
    await stores[0]!.createBoard({ id: 'shared-1', title: 'Shared', createdAt: 5 }, { facilitator: 'f', participant: 'p', viewer: 'v' });
    expect((await stores[2]!.getBoard('shared-1'))?.title).toBe('Shared');
    await Promise.all(stores.map((s) => s.close()));
    const again = await openFresh(schema);
    expect((await again.getBoard('shared-1'))?.title).toBe('Shared');
    await again.close();
  });

  it('has a table for named versions of a document', async () => {
    const store = await openFresh();
    const r = await store.pool.query(
      "INSERT INTO doc_versions (doc_name, name, created_by, created_at, snapshot) VALUES ('b', 'Before workshop', 'u1', 1, '\\x0000') RETURNING id",
    );
    expect(r.rowCount).toBe(1);
    await store.close();
  });

  it('fails start-up with the reason when the database cannot be reached', async () => {
    await expect(PostgresStore.open('postgres://postgres@127.0.0.1:1/test', { schema: uniqueSchema() })).rejects.toThrow(/ECONNREFUSED/);
  });
});
