import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqlite';
import { tempDataDir } from '../helpers/server';
import { docStoreContract } from './doc-store.contract';
import { metaStoreContract } from './meta-store.contract';

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
});
