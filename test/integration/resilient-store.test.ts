import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/store/postgres';
import { CompactionRefused, ResilientDocStore, type SaveStatus } from '../../server/store/resilient';
import { SqliteStore } from '../../server/store/sqlite';
import { eventually } from '../helpers/poll';
import { dropSchemas, needService, TEST_DATABASE_URL, uniqueSchema } from '../helpers/services';
import { TcpProxy } from '../helpers/tcp-proxy';

const available = await needService('PostgreSQL');
const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

const push = (doc: Y.Doc, text: string) => {
  const before = Y.encodeStateVector(doc);
  doc.getArray<string>('items').push([text]);
  return Y.encodeStateAsUpdate(doc, before);
};
const itemsOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getArray<string>('items').toArray();
};

describe.runIf(available)('storage failure on PostgreSQL', () => {
  it('keeps accepting while the database is cut off, reports saving paused, and stores everything in order after it returns', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(port);
    const schema = uniqueSchema();
    schemas.push(schema);
    const store = new ResilientDocStore(await PostgresStore.open(viaProxy.toString(), { schema }), { baseDelayMs: 20, maxDelayMs: 200 });
    const statuses: SaveStatus[] = [];
    store.onStatus((s) => statuses.push(s));
    const doc = new Y.Doc();
    await store.append('board', push(doc, 'before'));

    proxy.cut();
    const during = ['during 1', 'during 2', 'during 3'].map((t) => store.append('board', push(doc, t)));
    await eventually(() => expect(store.status).toBe('paused'));
    expect(store.pending).toBe(3);
    proxy.restore();
    await Promise.all(during);
    await store.append('board', push(doc, 'after'));
    expect(statuses).toEqual(['paused', 'ok']);

    const direct = await PostgresStore.open(TEST_DATABASE_URL, { schema });
    expect(itemsOf(await direct.load('board'))).toEqual(['before', 'during 1', 'during 2', 'during 3', 'after']);
    await direct.close();
    await store.close();
    await proxy.stop();
  });
});

describe('a resilient store never loses or overwrites accepted updates', () => {
  it('refuses to replace stored updates by an empty or an older snapshot, and accepts a complete one', async () => {
    const store = new ResilientDocStore(new SqliteStore(':memory:'));
    const doc = new Y.Doc();
    await store.append('d', push(doc, 'a'));
    const older = Y.encodeStateAsUpdate(doc);
    await store.append('d', push(doc, 'b'));
    doc.getArray('items').delete(0, 1); // a deletion is newer state too
    const withDeletion = Y.encodeStateAsUpdate(doc);
    await store.append('d', Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc())));

    await expect(store.compact('d', Y.encodeStateAsUpdate(new Y.Doc()), 3)).rejects.toThrow(CompactionRefused);
    await expect(store.compact('d', older, 3)).rejects.toThrow(CompactionRefused);
    expect(await store.load('d')).toHaveLength(3);
    await store.compact('d', withDeletion, 3);
    const after = await store.load('d');
    expect(after).toHaveLength(1);
    expect(itemsOf(after)).toEqual(['b']);
    await store.close();
  });

  it('loads a document only after its queued appends are stored', async () => {
    const store = new ResilientDocStore(new SqliteStore(':memory:'));
    const doc = new Y.Doc();
    void store.append('d', push(doc, 'queued'));
    expect(itemsOf(await store.load('d'))).toEqual(['queued']);
    await store.close();
  });

  it('writes the appends of one event-loop turn in one batch', async () => {
    const inner = new SqliteStore(':memory:');
    const batches: number[] = [];
    const appendMany = inner.appendMany.bind(inner);
    inner.appendMany = (entries) => (batches.push(entries.length), appendMany(entries));
    const store = new ResilientDocStore(inner);
    const doc = new Y.Doc();
    await Promise.all(['1', '2', '3'].map((t) => store.append(t === '2' ? 'other' : 'd', push(doc, t))));
    expect(batches).toEqual([3]);
    await store.close();
  });
});
