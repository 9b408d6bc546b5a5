import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addShape, boardMaps, setTitle, updateShape } from '../../shared/model/board-doc';
import { ShapesStore } from '../../client/model/shapes-store';
import { metaStoreFor } from '../../client/model/hooks';
import { valueStore } from '../../client/lib/y-store';

/** The one observable store over Yjs: parse once per change, keep identity of what did not change. */
describe('records store over a Y.Map', () => {
  function board(n: number) {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < n; i++) addShape(doc, { kind: 'note', id: `n${i}`, view: 'main', z: `a${String(i).padStart(4, '0')}`, pos: { x: i, y: 0 } });
    });
    return doc;
  }

  it('re-parses only the records a transaction touched; the others keep their identity', () => {
    const doc = board(2000);
    const store = new ShapesStore(doc);
    const before = store.get();
    const listener = vi.fn();
    store.subscribe(listener);
    updateShape(doc, 'n5', { pos: { x: 500, y: 40 } });
    const after = store.get();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(after).not.toBe(before);
    expect(after.byId.get('n5')).toMatchObject({ pos: { x: 500, y: 40 } });
    expect(after.byId.get('n6')).toBe(before.byId.get('n6'));
    expect(after.list.indexOf(after.byId.get('n5')!)).toBe(5);
    expect(after.list.filter((s, i) => s !== before.list[i]).map((s) => s.id)).toEqual(['n5']);
  });

  it('keeps z order on add, delete and reorder, and reports bad records without stopping', () => {
    const doc = board(3);
    const store = new ShapesStore(doc);
    updateShape(doc, 'n0', { z: 'b0' });
    expect(store.get().list.map((s) => s.id)).toEqual(['n1', 'n2', 'n0']);
    doc.transact(() => boardMaps(doc).shapes.delete('n1'));
    expect(store.get().list.map((s) => s.id)).toEqual(['n2', 'n0']);
    const junk = new Y.Map<unknown>();
    doc.transact(() => {
      boardMaps(doc).shapes.set('bad', junk as never);
      junk.set('kind', 'no-such-kind');
    });
    expect(store.get().errors.map((e) => e.id)).toEqual(['bad']);
    expect(store.get().list).toHaveLength(2);
    doc.transact(() => boardMaps(doc).shapes.delete('bad'));
    expect(store.get().errors).toEqual([]);
  });
});

describe('value store', () => {
  it('keeps its snapshot while a change leaves the value equal, and stops with the document', () => {
    const doc = new Y.Doc();
    const meta = metaStoreFor(doc);
    const first = meta.get();
    doc.transact(() => boardMaps(doc).meta.set('other', 1));
    expect(meta.get()).toBe(first);
    setTitle(doc, 'Insulin pump');
    expect(meta.get().title).toBe('Insulin pump');

    const read = vi.fn(() => boardMaps(doc).meta.get('title'));
    const s = valueStore(boardMaps(doc).meta, read);
    doc.destroy();
    const calls = read.mock.calls.length;
    boardMaps(doc).meta.set('title', 'after destroy');
    expect(read.mock.calls.length).toBe(calls);
    expect(s.get()).toBe('Insulin pump');
  });
});
