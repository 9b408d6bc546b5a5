import pg from 'pg';
import type { Role } from '../../shared/roles';
import { toBuffer } from './bytes';
import { migrate, quoteIdent } from './pg-migrations';
import type { VersionInfo } from '../../shared/versions';
import { versionFromRow, versionRowId, type VersionRow } from '../versions/rows';
import type { BoardRow, DocAppend, DocStore, InviteAuthor, InviteRow, MetaStore, NewInvite, NewVersion, StoredVersion } from './types';
import { authorColumns, INITIAL_INVITE_LABEL, INVITE_COLUMNS, inviteFromRow, newInviteId, REPLACED_INVITE_LABEL, type InviteColumns } from './invites';

export interface PostgresStoreOptions {
  /** Schema holding the tables (created if missing); tests give each run its own. */
  schema?: string;
  /** Most connections this instance opens. */
  maxConnections?: number;
  /** Told about errors of idle connections (PostgreSQL restarted, network cut); queries still reject. */
  onError?: (err: Error) => void;
}

/**
 * Cluster-mode storage: boards, invites, removed members, document logs and named versions in PostgreSQL.
 * Several instances share one database; the schema is migrated at start-up (see pg-migrations.ts).
 * `append` resolves after the row is committed.
 */
export class PostgresStore implements DocStore, MetaStore {
  private constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  static async open(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const schema = opts.schema ?? 'public';
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.maxConnections ?? 10,
      options: `-c search_path=${quoteIdent(schema)}`,
      connectionTimeoutMillis: 5000,
    });
    // An idle client's error (server restart, cut connection) is emitted on the pool; without a listener
    // Node would crash the process. The pool drops that client and opens a new one on the next query.
    pool.on('error', (err) => opts.onError?.(err));
    try {
      await migrate(pool, schema);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStore(pool, schema);
  }

  async load(name: string): Promise<Uint8Array[]> {
    const r = await this.pool.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE name = $1 ORDER BY seq', [name]);
    return r.rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
  }

  async append(name: string, update: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO doc_updates (name, data) VALUES ($1, $2)', [name, toBuffer(update)]);
  }

  async appendMany(entries: ReadonlyArray<DocAppend>): Promise<void> {
    if (entries.length === 0) return;
    // One statement is one transaction; WITH ORDINALITY + ORDER BY assigns seq in the given order.
    await this.pool.query(
      `INSERT INTO doc_updates (name, data)
       SELECT n, d FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(n, d, i) ORDER BY i`,
      [entries.map((e) => e.name), entries.map((e) => toBuffer(e.update))],
    );
  }

  async compact(name: string, snapshot: Uint8Array, count: number): Promise<void> {
    await this.transaction(async (c) => {
      // Lock exactly the rows being replaced; rows appended meanwhile (even with a lower seq that committed
      // late) are neither read nor deleted.
      const rows = await c.query<{ seq: string }>(
        'SELECT seq FROM doc_updates WHERE name = $1 ORDER BY seq LIMIT $2 FOR UPDATE',
        [name, count],
      );
      if (rows.rows.length === 0) {
        await c.query('INSERT INTO doc_updates (name, data) VALUES ($1, $2)', [name, toBuffer(snapshot)]);
        return;
      }
      const seqs = rows.rows.map((r) => r.seq);
      await c.query('DELETE FROM doc_updates WHERE name = $1 AND seq = ANY($2::bigint[])', [name, seqs]);
      await c.query('INSERT INTO doc_updates (seq, name, data) VALUES ($1, $2, $3)', [seqs[0], name, toBuffer(snapshot)]);
    });
  }

  async list(prefix: string): Promise<string[]> {
    // left(), not LIKE: board ids may contain '_' and '%', LIKE wildcards.
    const r = await this.pool.query<{ name: string }>(
      'SELECT DISTINCT name FROM doc_updates WHERE left(name, $1) = $2 ORDER BY name',
      [prefix.length, prefix],
    );
    return r.rows.map((row) => row.name);
  }

  async saveVersion(v: NewVersion, snapshot: Uint8Array): Promise<VersionInfo> {
    const r = await this.pool.query<{ id: string }>(
      `INSERT INTO doc_versions (doc_name, name, reason, created_at, created_by, created_by_name, summary, snapshot)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [v.board, v.name, v.reason, v.createdAt, v.createdBy, v.createdByName, JSON.stringify(v.summary), toBuffer(snapshot)],
    );
    return { ...v, id: String(r.rows[0]!.id) };
  }

  async listVersions(board: string): Promise<VersionInfo[]> {
    const r = await this.pool.query<VersionRow>(
      `SELECT id, doc_name AS board, name, reason, created_at, created_by, created_by_name, summary
       FROM doc_versions WHERE doc_name = $1 ORDER BY id DESC`,
      [board],
    );
    return r.rows.map(versionFromRow);
  }

  async getVersion(board: string, id: string): Promise<StoredVersion | null> {
    const rowId = versionRowId(id);
    if (rowId === null) return null;
    const r = await this.pool.query<VersionRow & { snapshot: Buffer }>(
      `SELECT id, doc_name AS board, name, reason, created_at, created_by, created_by_name, summary, snapshot
       FROM doc_versions WHERE doc_name = $1 AND id = $2`,
      [board, rowId],
    );
    const row = r.rows[0];
    if (!row) return null;
    return { info: versionFromRow(row), snapshot: new Uint8Array(row.snapshot.buffer, row.snapshot.byteOffset, row.snapshot.byteLength) };
  }

  async createBoard(board: BoardRow, inviteHashes: Record<Role, string>): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO boards (id, title, created_at) VALUES ($1, $2, $3)', [board.id, board.title, board.createdAt]);
      await insertInvites(c, board.id, inviteHashes, INITIAL_INVITE_LABEL, null, board.createdAt);
    });
  }

  async createInvite(invite: NewInvite): Promise<InviteRow> {
    const id = newInviteId();
    await this.pool.query(
      `INSERT INTO invites (id, board_id, role, label, hash, created_at, created_by, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, invite.board, invite.role, invite.label, invite.hash, invite.createdAt, ...authorColumns(invite.createdBy)],
    );
    return { id, board: invite.board, role: invite.role, label: invite.label, createdAt: invite.createdAt, createdBy: invite.createdBy, revokedAt: null };
  }

  async listInvites(boardId: string): Promise<InviteRow[]> {
    const r = await this.pool.query<InviteColumns>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = $1 AND revoked_at IS NULL ORDER BY created_at, role, id`,
      [boardId],
    );
    return r.rows.map(inviteFromRow);
  }

  async revokeInvite(boardId: string, inviteId: string, at: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE invites SET revoked_at = $1 WHERE board_id = $2 AND id = $3 AND revoked_at IS NULL', [at, boardId, inviteId]);
    return (r.rowCount ?? 0) > 0;
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const r = await this.pool.query<{ id: string; title: string; created_at: string }>(
      'SELECT id, title, created_at FROM boards WHERE id = $1',
      [id],
    );
    const row = r.rows[0];
    return row ? { id: row.id, title: row.title, createdAt: Number(row.created_at) } : null;
  }

  async setTitle(id: string, title: string): Promise<void> {
    await this.pool.query('UPDATE boards SET title = $1 WHERE id = $2', [title, id]);
  }

  async replaceInvites(boardId: string, inviteHashes: Record<Role, string>, by: InviteAuthor | null = null, at = Date.now()): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('UPDATE invites SET revoked_at = $1 WHERE board_id = $2 AND revoked_at IS NULL', [at, boardId]);
      await insertInvites(c, boardId, inviteHashes, REPLACED_INVITE_LABEL, by, at);
    });
  }

  async roleForInvite(boardId: string, inviteHash: string): Promise<Role | null> {
    const r = await this.pool.query<{ role: Role }>('SELECT role FROM invites WHERE board_id = $1 AND hash = $2 AND revoked_at IS NULL', [boardId, inviteHash]);
    return r.rows[0]?.role ?? null;
  }

  async removeMember(boardId: string, userId: string, at: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO removed_members (board_id, user_id, removed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [boardId, userId, at],
    );
  }

  async isRemoved(boardId: string, userId: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM removed_members WHERE board_id = $1 AND user_id = $2', [boardId, userId]);
    return (r.rowCount ?? 0) > 0;
  }

  private closing?: Promise<void>;
  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    let failed: Error | undefined;
    try {
      await c.query('BEGIN');
      const value = await fn(c);
      await c.query('COMMIT');
      return value;
    } catch (err) {
      failed = err as Error;
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      // A client whose transaction failed may have a broken connection: destroy it rather than reuse it.
      c.release(failed);
    }
  }
}

async function insertInvites(c: pg.PoolClient, boardId: string, hashes: Record<Role, string>, label: string, by: InviteAuthor | null, at: number): Promise<void> {
  for (const [role, hash] of Object.entries(hashes)) {
    await c.query(
      `INSERT INTO invites (id, board_id, role, label, hash, created_at, created_by, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [newInviteId(), boardId, role, label, hash, at, ...authorColumns(by)],
    );
  }
}
