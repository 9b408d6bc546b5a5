import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../server/store/sqlite';
import { tempDataDir } from '../helpers/server';
import { docStoreContract } from './doc-store.contract';
import { expectOldInvitesKept, metaStoreContract } from './meta-store.contract';

const data = tempDataDir();
let n = 0;
afterAll(() => data.remove());

docStoreContract('sqlite', () => new SqliteStore(join(data.dir, `contract-${n++}.db`)));
metaStoreContract('sqlite', () => new SqliteStore(join(data.dir, `contract-${n++}.db`)));

describe('SqliteStore as MetaStore', () => {
  it('keeps boards across reopening', async () => {
    const file = join(data.dir, 'meta.db');
    let store = new SqliteStore(file);
    await store.createBoard({ id: 'board-0001', title: 'One', createdAt: 1 }, { facilitator: 'hf', participant: 'hp', viewer: 'hv' });
    await store.createBoard({ id: 'board-0002', title: 'Two', createdAt: 2 }, { facilitator: 'xf', participant: 'xp', viewer: 'xv' });
    await store.close();
    store = new SqliteStore(file);
    expect(await store.getBoard('board-0001')).toEqual({ id: 'board-0001', title: 'One', createdAt: 1 });
    expect(await store.getBoard('nope')).toBeNull();
    expect(await store.roleForInvite('board-0001', 'hp')).toBe('participant');
    expect(await store.roleForInvite('board-0001', 'xp')).toBeNull();
    await store.close();
  });

  it('migrates a file from before invite links had ids: the old keys still join and are listed', async () => {
    const file = join(data.dir, 'old.db');
    const old = new Database(file);
    old.exec(`
      CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE invites (board_id TEXT NOT NULL REFERENCES boards(id), role TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (board_id, role));
      INSERT INTO boards VALUES ('board-old', 'Old', 42);
      INSERT INTO invites VALUES ('board-old', 'facilitator', 'of'), ('board-old', 'participant', 'op'), ('board-old', 'viewer', 'ov');
    `);
    old.close();
    let store = new SqliteStore(file);
    const listed = await expectOldInvitesKept(store);
    await store.close();
    // Opening again applies nothing twice.
    store = new SqliteStore(file);
    expect((await store.listInvites('board-old')).map((i) => i.id)).toEqual(listed.map((i) => i.id));
    await store.close();
  });
});
