import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/store/types';

/**
 * The contract every DocStore implementation must meet. Run it from a `*.test.ts` per implementation:
 * `docStoreContract('sqlite', () => new SqliteStore(':memory:'))`.
 */
export function docStoreContract(name: string, open: () => Promise<DocStore> | DocStore) {
  const update = (text: string, doc = new Y.Doc()) => {
    const before = Y.encodeStateVector(doc);
    doc.getArray<string>('items').push([text]);
    return Y.encodeStateAsUpdate(doc, before);
  };
  const itemsOf = (updates: Uint8Array[]) => {
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    return doc.getArray<string>('items').toArray();
  };

  describe(`DocStore contract: ${name}`, () => {
    it('returns nothing for an unknown document', async () => {
      const store = await open();
      expect(await store.load('nobody-here')).toEqual([]);
      await store.close();
    });

    it('returns appended updates in order, per document', async () => {
      const store = await open();
      const doc = new Y.Doc();
      await store.append('doc-a', update('one', doc));
      await store.append('doc-b', update('other'));
      await store.append('doc-a', update('two', doc));
      expect(itemsOf(await store.load('doc-a'))).toEqual(['one', 'two']);
      expect(itemsOf(await store.load('doc-b'))).toEqual(['other']);
      await store.close();
    });

    it('lists documents by name prefix, taking the prefix literally', async () => {
      const store = await open();
      for (const name of ['ab_c/private/u1', 'ab_c/private/u2', 'ab_c', 'abXc/private/u3', 'other']) await store.append(name, update(name));
      expect((await store.list('ab_c/private/')).sort()).toEqual(['ab_c/private/u1', 'ab_c/private/u2']);
      expect(await store.list('nothing/')).toEqual([]);
      await store.close();
    });

    it('appends a batch of several documents in order, in one call', async () => {
      const store = await open();
      const a = new Y.Doc();
      const b = new Y.Doc();
      await store.appendMany([
        { name: 'batch-a', update: update('a1', a) },
        { name: 'batch-b', update: update('b1', b) },
        { name: 'batch-a', update: update('a2', a) },
        { name: 'batch-a', update: update('a3', a) },
      ]);
      await store.appendMany([]);
      expect(itemsOf(await store.load('batch-a'))).toEqual(['a1', 'a2', 'a3']);
      expect(itemsOf(await store.load('batch-b'))).toEqual(['b1']);
      // Each update stays its own row, in order: a later compaction can count them.
      expect(await store.load('batch-a')).toHaveLength(3);
      await store.close();
    });

    it('lists names with LIKE wildcards literally', async () => {
      const store = await open();
      for (const name of ['a%b/private/u1', 'aXYb/private/u2']) await store.append(name, update(name));
      expect(await store.list('a%b/')).toEqual(['a%b/private/u1']);
      await store.close();
    });

    it('keeps bytes exactly', async () => {
      const store = await open();
      const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
      await store.append('bytes', bytes);
      const [loaded] = await store.load('bytes');
      expect(Buffer.from(loaded!).equals(Buffer.from(bytes))).toBe(true);
      await store.close();
    });

    it('compacts a prefix into a snapshot and keeps what was appended after it', async () => {
      const store = await open();
      const doc = new Y.Doc();
      for (const t of ['a', 'b', 'c']) await store.append('log', update(t, doc));
      const snapshot = Y.encodeStateAsUpdate(doc);
      // An append that lands between load and compaction must survive.
      await store.append('log', update('d', doc));
      await store.compact('log', snapshot, 3);
      const after = await store.load('log');
      expect(after).toHaveLength(2);
      expect(itemsOf(after)).toEqual(['a', 'b', 'c', 'd']);
      await store.close();
    });

    it('compacts twice in a row and keeps later appends each time', async () => {
      const store = await open();
      const doc = new Y.Doc();
      for (const t of ['a', 'b']) await store.append('twice', update(t, doc));
      await store.compact('twice', Y.encodeStateAsUpdate(doc), 2);
      await store.append('twice', update('c', doc));
      await store.append('twice', update('d', doc));
      const snapshot = Y.encodeStateAsUpdate(doc);
      await store.append('twice', update('e', doc));
      await store.compact('twice', snapshot, 3);
      const after = await store.load('twice');
      expect(after).toHaveLength(2);
      expect(itemsOf(after)).toEqual(['a', 'b', 'c', 'd', 'e']);
      await store.close();
    });

    const version = (board: string, name: string, createdAt: number) => ({
      board,
      name,
      reason: name ? ('named' as const) : ('auto' as const),
      createdAt,
      createdBy: name ? 'facilitator-1' : 'server',
      createdByName: name ? 'Fay' : '',
      summary: { authors: [{ userId: 'user-0001', name: 'Ann', added: 2, changed: 1, removed: 0 }] },
    });

    it('keeps versions of a board with their snapshots, newest first, apart from other boards', async () => {
      const store = await open();
      const doc = new Y.Doc();
      const first = update('one', doc);
      const v1 = await store.saveVersion(version('board_1', 'end of day 1', 1000), first);
      update('two', doc);
      const v2 = await store.saveVersion(version('board_1', '', 2000), Y.encodeStateAsUpdate(doc));
      await store.saveVersion(version('board_2', 'elsewhere', 3000), update('x'));
      expect(v1.id).not.toEqual(v2.id);
      const list = await store.listVersions('board_1');
      expect(list.map((v) => [v.id, v.name, v.reason])).toEqual([
        [v2.id, '', 'auto'],
        [v1.id, 'end of day 1', 'named'],
      ]);
      expect(list[1]).toEqual({ ...version('board_1', 'end of day 1', 1000), id: v1.id });
      const got = await store.getVersion('board_1', v1.id);
      expect(got?.info).toEqual(list[1]);
      expect(itemsOf([got!.snapshot])).toEqual(['one']);
      expect(itemsOf([(await store.getVersion('board_1', v2.id))!.snapshot])).toEqual(['one', 'two']);
      await store.close();
    });

    it('finds no version of another board, and none under an id it never gave', async () => {
      const store = await open();
      const v = await store.saveVersion(version('board_a', 'mine', 1), update('a'));
      expect(await store.getVersion('board_b', v.id)).toBeNull();
      for (const id of ['0', '-1', '999999', 'abc', '1 OR 1=1', '']) expect(await store.getVersion('board_a', id)).toBeNull();
      expect(await store.listVersions('nobody')).toEqual([]);
      await store.close();
    });

    it('keeps versions when the document log is compacted', async () => {
      const store = await open();
      const doc = new Y.Doc();
      await store.append('kept', update('a', doc));
      const v = await store.saveVersion(version('kept', '', 5), Y.encodeStateAsUpdate(doc));
      await store.append('kept', update('b', doc));
      await store.compact('kept', Y.encodeStateAsUpdate(doc), 2);
      expect(itemsOf([(await store.getVersion('kept', v.id))!.snapshot])).toEqual(['a']);
      await store.close();
    });

    it('stores the snapshot when there was nothing to compact', async () => {
      const store = await open();
      const doc = new Y.Doc();
      update('only', doc);
      await store.compact('fresh', Y.encodeStateAsUpdate(doc), 0);
      expect(itemsOf(await store.load('fresh'))).toEqual(['only']);
      await store.close();
    });
  });
}
