import type pg from 'pg';
import { EARLIER_INVITE_LABEL } from './invites';

/**
 * Versioned schema of the PostgreSQL store. Append a migration to change the schema; never edit one that
 * has shipped. Each runs once, in its own transaction, recorded in `schema_migrations`.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'boards, invites, removed members, document logs',
    sql: `
      CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at BIGINT NOT NULL);
      CREATE TABLE invites (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE, role TEXT NOT NULL, hash TEXT NOT NULL,
        PRIMARY KEY (board_id, role));
      CREATE INDEX invites_hash ON invites (hash);
      CREATE TABLE removed_members (
        board_id TEXT NOT NULL, user_id TEXT NOT NULL, removed_at BIGINT NOT NULL,
        PRIMARY KEY (board_id, user_id));
      -- seq orders a document's log; compaction puts the snapshot at the seq of the oldest row it replaces.
      CREATE TABLE doc_updates (seq BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, data BYTEA NOT NULL);
      CREATE INDEX doc_updates_name ON doc_updates (name, seq);
    `,
  },
  {
    version: 2,
    name: 'named versions of a document',
    sql: `
      CREATE TABLE doc_versions (
        id BIGSERIAL PRIMARY KEY, doc_name TEXT NOT NULL, name TEXT NOT NULL, created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL, snapshot BYTEA NOT NULL);
      CREATE INDEX doc_versions_doc ON doc_versions (doc_name, created_at);
    `,
  },
  {
    version: 3,
    name: 'version history: reason, author name and change summary of each version',
    sql: `
      ALTER TABLE doc_versions
        ADD COLUMN reason TEXT NOT NULL DEFAULT 'named',
        ADD COLUMN created_by_name TEXT NOT NULL DEFAULT '',
        ADD COLUMN summary TEXT NOT NULL DEFAULT '{"authors":[]}';
      CREATE INDEX doc_versions_doc_id ON doc_versions (doc_name, id);
    `,
  },
  {
    version: 4,
    name: 'invite links: any number per role, each with an id, label, author and revocation time',
    sql: `
      ALTER TABLE invites DROP CONSTRAINT invites_pkey;
      ALTER TABLE invites
        ADD COLUMN id TEXT,
        ADD COLUMN label TEXT NOT NULL DEFAULT '',
        ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0,
        ADD COLUMN created_by TEXT NOT NULL DEFAULT '',
        ADD COLUMN created_by_name TEXT NOT NULL DEFAULT '',
        ADD COLUMN revoked_at BIGINT;
      UPDATE invites SET id = substr(md5(random()::text || board_id || role), 1, 18), label = '${EARLIER_INVITE_LABEL}',
        created_at = coalesce((SELECT b.created_at FROM boards b WHERE b.id = invites.board_id), 0);
      ALTER TABLE invites ALTER COLUMN id SET NOT NULL, ADD PRIMARY KEY (id);
      CREATE INDEX invites_board ON invites (board_id, created_at);
    `,
  },
];

/** Advisory lock key (two int4 form) that serialises migrations of one schema across instances. */
const MIGRATION_LOCK_CLASS = 0x7462_6d31; // 'tbm1'

/**
 * Bring the schema up to date. Safe when several instances start at once: they queue on an advisory lock,
 * and each one applies only what is not yet recorded. Returns the versions this call applied.
 */
export async function migrate(pool: pg.Pool, schema: string): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
        }
        applied.push(m.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    }
  } finally {
    client.release();
  }
  return applied;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return `"${name}"`;
}
