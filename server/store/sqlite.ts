import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, restrictExisting } from '../at-rest';
import type { Role } from '../../shared/roles';
import { toBuffer } from './bytes';
import type { VersionInfo } from '../../shared/versions';
import { versionFromRow, versionRowId, type VersionRow } from '../versions/rows';
import type { BoardRow, DocAppend, DocStore, InviteAuthor, InviteRow, MetaStore, NewInvite, NewVersion, StoredVersion } from './types';
import { authorColumns, EARLIER_INVITE_LABEL, INITIAL_INVITE_LABEL, INVITE_COLUMNS, inviteFromRow, newInviteId, REPLACED_INVITE_LABEL, type InviteColumns } from './invites';

/**
 * Versioned changes of the SQLite schema after the baseline below, recorded in `PRAGMA user_version`.
 * Append a step to change the schema; never edit one that has shipped. Each runs once, in a transaction.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    // Invite links become rows of their own: any number per role, each with a label, an author and a
    // revocation time. Existing keys stay valid.
    version: 1,
    sql: `
      CREATE TABLE invites_v1 (
        id TEXT PRIMARY KEY, board_id TEXT NOT NULL REFERENCES boards(id), role TEXT NOT NULL, label TEXT NOT NULL,
        hash TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, created_by_name TEXT NOT NULL,
        revoked_at INTEGER);
      INSERT INTO invites_v1 (id, board_id, role, label, hash, created_at, created_by, created_by_name, revoked_at)
        SELECT lower(hex(randomblob(9))), i.board_id, i.role, '${EARLIER_INVITE_LABEL}', i.hash, coalesce(b.created_at, 0), '', '', NULL
        FROM invites i LEFT JOIN boards b ON b.id = i.board_id;
      DROP TABLE invites;
      ALTER TABLE invites_v1 RENAME TO invites;
      CREATE INDEX invites_hash ON invites(hash);
      CREATE INDEX invites_board ON invites(board_id, created_at);
    `,
  },
];

/**
 * The embedded default: one SQLite file for boards, invites and document logs. better-sqlite3 is
 * synchronous; the appends of one event-loop turn are committed together in one transaction (group
 * commit) and `append` resolves once that transaction is in the WAL. With `synchronous = NORMAL` a
 * process crash loses nothing acknowledged (an OS crash may lose the last few commits).
 */
export class SqliteStore implements DocStore, MetaStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string) {
    if (file !== ':memory:') {
      // 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
      ensurePrivateDir(dirname(file));
      ensurePrivateFile(file);
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    if (file !== ':memory:') restrictExisting([`${file}-wal`, `${file}-shm`]);
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS invites (
        board_id TEXT NOT NULL REFERENCES boards(id), role TEXT NOT NULL, hash TEXT NOT NULL,
        PRIMARY KEY (board_id, role));
      CREATE INDEX IF NOT EXISTS invites_hash ON invites(hash);
      CREATE TABLE IF NOT EXISTS doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS doc_updates_name ON doc_updates(name, seq);
      CREATE TABLE IF NOT EXISTS removed_members (
        board_id TEXT NOT NULL, user_id TEXT NOT NULL, removed_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, user_id));
      CREATE TABLE IF NOT EXISTS doc_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, board TEXT NOT NULL, name TEXT NOT NULL, reason TEXT NOT NULL,
        created_at INTEGER NOT NULL, created_by TEXT NOT NULL, created_by_name TEXT NOT NULL,
        summary TEXT NOT NULL, snapshot BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS doc_versions_board ON doc_versions(board, id);
    `);
    this.migrate();
    this.stmts = {
      load: this.db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_updates WHERE name = ? ORDER BY seq'),
      // substr, not LIKE: board ids may contain '_', a LIKE wildcard.
      list: this.db.prepare<[number, string], { name: string }>(
        'SELECT DISTINCT name FROM doc_updates WHERE substr(name, 1, ?) = ? ORDER BY name',
      ),
      append: this.db.prepare<[string, Buffer]>('INSERT INTO doc_updates (name, data) VALUES (?, ?)'),
      firstSeqs: this.db.prepare<[string, number], { seq: number }>(
        'SELECT seq FROM doc_updates WHERE name = ? ORDER BY seq LIMIT ?',
      ),
      deleteUpTo: this.db.prepare<[string, number]>('DELETE FROM doc_updates WHERE name = ? AND seq <= ?'),
      // The snapshot takes the place of the oldest row it replaces, so it sorts before later appends.
      insertAt: this.db.prepare<[number, string, Buffer]>('INSERT INTO doc_updates (seq, name, data) VALUES (?, ?, ?)'),
      createBoard: this.db.prepare<[string, string, number]>('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)'),
      createInvite: this.db.prepare<[string, string, string, string, string, number, string, string]>(
        `INSERT INTO invites (id, board_id, role, label, hash, created_at, created_by, created_by_name, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ),
      listInvites: this.db.prepare<[string], InviteColumns>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = ? AND revoked_at IS NULL ORDER BY created_at, role, id`,
      ),
      revokeInvite: this.db.prepare<[number, string, string]>('UPDATE invites SET revoked_at = ? WHERE board_id = ? AND id = ? AND revoked_at IS NULL'),
      revokeAll: this.db.prepare<[number, string]>('UPDATE invites SET revoked_at = ? WHERE board_id = ? AND revoked_at IS NULL'),
      getBoard: this.db.prepare<[string], { id: string; title: string; created_at: number }>(
        'SELECT id, title, created_at FROM boards WHERE id = ?',
      ),
      setTitle: this.db.prepare<[string, string]>('UPDATE boards SET title = ? WHERE id = ?'),
      roleForInvite: this.db.prepare<[string, string], { role: Role }>('SELECT role FROM invites WHERE board_id = ? AND hash = ? AND revoked_at IS NULL'),
      removeMember: this.db.prepare<[string, string, number]>(
        'INSERT OR IGNORE INTO removed_members (board_id, user_id, removed_at) VALUES (?, ?, ?)',
      ),
      isRemoved: this.db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM removed_members WHERE board_id = ? AND user_id = ?',
      ),
      saveVersion: this.db.prepare<[string, string, string, number, string, string, string, Buffer]>(
        `INSERT INTO doc_versions (board, name, reason, created_at, created_by, created_by_name, summary, snapshot)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listVersions: this.db.prepare<[string], VersionRow>(
        `SELECT id, board, name, reason, created_at, created_by, created_by_name, summary
         FROM doc_versions WHERE board = ? ORDER BY id DESC`,
      ),
      getVersion: this.db.prepare<[string, number], VersionRow & { snapshot: Buffer }>(
        `SELECT id, board, name, reason, created_at, created_by, created_by_name, summary, snapshot
         FROM doc_versions WHERE board = ? AND id = ?`,
      ),
    };
  }

  async saveVersion(v: NewVersion, snapshot: Uint8Array): Promise<VersionInfo> {
    const r = this.stmts.saveVersion.run(v.board, v.name, v.reason, v.createdAt, v.createdBy, v.createdByName, JSON.stringify(v.summary), toBuffer(snapshot));
    return { ...v, id: String(r.lastInsertRowid) };
  }

  async listVersions(board: string): Promise<VersionInfo[]> {
    return this.stmts.listVersions.all(board).map(versionFromRow);
  }

  async getVersion(board: string, id: string): Promise<StoredVersion | null> {
    const rowId = versionRowId(id);
    const r = rowId === null ? undefined : this.stmts.getVersion.get(board, rowId);
    if (!r) return null;
    return { info: versionFromRow(r), snapshot: new Uint8Array(r.snapshot.buffer, r.snapshot.byteOffset, r.snapshot.byteLength) };
  }

  async load(name: string): Promise<Uint8Array[]> {
    return this.stmts.load.all(name).map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
  }

  /** Appends of one event-loop turn, committed together in one transaction (group commit). */
  private batch: { entry: DocAppend; done: () => void; fail: (e: unknown) => void }[] = [];

  append(name: string, update: Uint8Array): Promise<void> {
    return new Promise((done, fail) => {
      if (this.batch.length === 0) setImmediate(() => this.commitBatch());
      this.batch.push({ entry: { name, update }, done, fail });
    });
  }

  private commitBatch(): void {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    try {
      if (!this.db.open) throw new Error('the database is closed');
      this.db.transaction(() => {
        for (const b of batch) this.stmts.append.run(b.entry.name, toBuffer(b.entry.update));
      })();
    } catch (err) {
      for (const b of batch) b.fail(err);
      return;
    }
    for (const b of batch) b.done();
  }

  async appendMany(entries: ReadonlyArray<DocAppend>): Promise<void> {
    if (entries.length === 0) return;
    this.db.transaction(() => {
      for (const e of entries) this.stmts.append.run(e.name, toBuffer(e.update));
    })();
  }

  async list(prefix: string): Promise<string[]> {
    return this.stmts.list.all(prefix.length, prefix).map((r) => r.name);
  }

  async compact(name: string, snapshot: Uint8Array, count: number): Promise<void> {
    this.db.transaction(() => {
      const seqs = this.stmts.firstSeqs.all(name, count);
      if (seqs.length === 0) return void this.stmts.append.run(name, Buffer.from(snapshot));
      const first = seqs[0]!.seq;
      const last = seqs[seqs.length - 1]!.seq;
      this.stmts.deleteUpTo.run(name, last);
      this.stmts.insertAt.run(first, name, Buffer.from(snapshot));
    })();
  }

  /** Apply the schema steps this file has not had yet (a new file gets the baseline, then every step). */
  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  async createBoard(board: BoardRow, inviteHashes: Record<Role, string>): Promise<void> {
    this.db.transaction(() => {
      this.stmts.createBoard.run(board.id, board.title, board.createdAt);
      this.insertInvites(board.id, inviteHashes, INITIAL_INVITE_LABEL, null, board.createdAt);
    })();
  }

  private insertInvites(boardId: string, hashes: Record<Role, string>, label: string, by: InviteAuthor | null, at: number): void {
    for (const [role, hash] of Object.entries(hashes)) this.stmts.createInvite.run(newInviteId(), boardId, role, label, hash, at, ...authorColumns(by));
  }

  async createInvite(invite: NewInvite): Promise<InviteRow> {
    const id = newInviteId();
    this.stmts.createInvite.run(id, invite.board, invite.role, invite.label, invite.hash, invite.createdAt, ...authorColumns(invite.createdBy));
    return { id, board: invite.board, role: invite.role, label: invite.label, createdAt: invite.createdAt, createdBy: invite.createdBy, revokedAt: null };
  }

  async listInvites(boardId: string): Promise<InviteRow[]> {
    return this.stmts.listInvites.all(boardId).map(inviteFromRow);
  }

  async revokeInvite(boardId: string, inviteId: string, at: number): Promise<boolean> {
    return this.stmts.revokeInvite.run(at, boardId, inviteId).changes > 0;
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const r = this.stmts.getBoard.get(id);
    return r ? { id: r.id, title: r.title, createdAt: r.created_at } : null;
  }

  async replaceInvites(boardId: string, inviteHashes: Record<Role, string>, by: InviteAuthor | null = null, at = Date.now()): Promise<void> {
    this.db.transaction(() => {
      this.stmts.revokeAll.run(at, boardId);
      this.insertInvites(boardId, inviteHashes, REPLACED_INVITE_LABEL, by, at);
    })();
  }

  async setTitle(id: string, title: string): Promise<void> {
    this.stmts.setTitle.run(title, id);
  }

  async roleForInvite(boardId: string, inviteHash: string): Promise<Role | null> {
    return this.stmts.roleForInvite.get(boardId, inviteHash)?.role ?? null;
  }

  async removeMember(boardId: string, userId: string, at: number): Promise<void> {
    this.stmts.removeMember.run(boardId, userId, at);
  }

  async isRemoved(boardId: string, userId: string): Promise<boolean> {
    return this.stmts.isRemoved.get(boardId, userId) !== undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.commitBatch();
    if (this.db.open) this.db.close();
  }
}
