import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, deleteShapes, readShapes, updateShape } from '../../shared/model/board-doc';
import { ShapesStore } from '../../client/model/shapes-store';

function board(): Y.Doc {
  const doc = new Y.Doc();
  for (let j = 0; j < 3; j++) addShape(doc, { kind: 'note', id: `n${j}`, pos: { x: j * 200, y: 0 }, text: `Note ${j}`, z: `a${j}` });
  return doc;
}

describe("the client's shapes, placed from the position log", () => {
  it('shows a move at once and keeps every other shape as it was (same object)', () => {
    const doc = board();
    const store = new ShapesStore(doc);
    const before = store.get();
    updateShape(doc, 'n1', { pos: { x: 5, y: 6 } });
    const after = store.get();
    expect(after.byId.get('n1')).toMatchObject({ pos: { x: 5, y: 6 } });
    expect(after.byId.get('n0')).toBe(before.byId.get('n0'));
    expect(after.list.map((s) => s.id)).toEqual(['n0', 'n1', 'n2']);
  });

  it('places shapes that arrive with their moves in one update (a board opened), and one deleted and brought back', () => {
    const source = board();
    updateShape(source, 'n2', { pos: { x: 40, y: 40 } });
    updateShape(source, 'n2', { pos: { x: 50, y: 50 } });
    const doc = new Y.Doc();
    const store = new ShapesStore(doc);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    expect(store.get().byId.get('n2')).toMatchObject({ pos: { x: 50, y: 50 } });
    expect(store.get().list).toHaveLength(3);

    const origin = { me: true };
    const undo = new Y.UndoManager([doc.getMap('shapes'), doc.getArray('positions')], { trackedOrigins: new Set([origin]) });
    deleteShapes(doc, ['n2'], origin);
    expect(store.get().byId.has('n2')).toBe(false);
    undo.undo();
    expect(store.get().byId.get('n2')).toMatchObject({ pos: { x: 50, y: 50 } });
  });

  it("shows the server's list until the document arrives, then the document; unchanged shapes keep the list's objects", () => {
    const source = board();
    updateShape(source, 'n2', { pos: { x: 50, y: 50 } });
    // The list as the server sends it, then changed on the server before the document came.
    const list = readShapes(source).records;
    updateShape(source, 'n1', { text: 'Changed meanwhile' });
    deleteShapes(source, ['n0']);
    const doc = new Y.Doc();
    const store = new ShapesStore(doc);
    let renders = 0;
    store.subscribe(() => renders++);
    expect(store.preview(list)).toBe(true);
    expect(renders).toBe(1);
    expect(store.get().list.map((s) => s.id)).toEqual(['n0', 'n1', 'n2']);
    expect(store.get().byId.get('n2')).toMatchObject({ pos: { x: 50, y: 50 } });

    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    const now = store.get();
    expect(now.list.map((s) => s.id)).toEqual(['n1', 'n2']);
    expect(now.byId.get('n1')).toMatchObject({ text: 'Changed meanwhile' });
    expect(now.byId.get('n2')).toBe(list.find((s) => s.id === 'n2'));
    // Once the document has shapes, a list is not shown over them.
    expect(store.preview(list)).toBe(false);
    expect(store.get()).toBe(now);
  });
});
