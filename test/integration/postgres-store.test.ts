import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PostgresStore } from '../../server/store/postgres';
import { migrations } from '../../server/store/pg-migrations';
import { dropSchemas, needService, TEST_DATABASE_URL, uniqueSchema } from '../helpers/services';
import { docStoreContract } from './doc-store.contract';
import { expectOldInvitesKept, metaStoreContract } from './meta-store.contract';

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

  it('migrates invites stored before links had ids: the old keys still join and are listed', async () => {
    const schema = uniqueSchema();
    schemas.add(schema);
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
    await c.query('CREATE TABLE schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    for (const m of migrations.filter((m) => m.version <= 3)) {
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await c.query("INSERT INTO boards VALUES ('board-old', 'Old', 42)");
    await c.query("INSERT INTO invites VALUES ('board-old', 'facilitator', 'of'), ('board-old', 'participant', 'op'), ('board-old', 'viewer', 'ov')");
    await c.end();
    const store = await openFresh(schema);
    const listed = await expectOldInvitesKept(store);
    expect(new Set(listed.map((i) => i.id)).size).toBe(3);
    await store.close();
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
