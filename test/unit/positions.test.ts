import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, deleteShapes, moveShapes, readShapes, updateShape } from '../../shared/model/board-doc';
import * as prng from 'lib0/prng';
import { isPositionEntry, PositionEntry, positionLog, readPositions } from '../../shared/model/positions';
import { boardToData } from '../../shared/formats/board-data';

const structs = (doc: Y.Doc) => {
  let n = 0;
  doc.store.clients.forEach((list) => (n += list.length));
  return n;
};
const posOf = (doc: Y.Doc, id: string) => readShapes(doc).records.find((s) => s.id === id) as { pos: { x: number; y: number } } | undefined;
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

function board(notes: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let j = 0; j < notes; j++) addShape(doc, { kind: 'note', id: `n${j}`, pos: { x: j * 200, y: 0 }, text: `Note ${j}`, z: `a${j}` });
  });
  return doc;
}

describe('the position log', () => {
  it('moves a shape by one entry, read back by every reader; the record keeps where it was made', () => {
    const doc = board(3);
    updateShape(doc, 'n1', { pos: { x: 5, y: 6 } });
    updateShape(doc, 'n1', { pos: { x: 7, y: 8 } });
    expect(positionLog(doc).toArray()).toEqual([['n1', 7, 8]]);
    expect(posOf(doc, 'n1')!.pos).toEqual({ x: 7, y: 8 });
    expect(boardToData(doc).shapes.find((s) => s.id === 'n1')).toMatchObject({ pos: { x: 7, y: 8 } });
    expect(posOf(doc, 'n0')!.pos).toEqual({ x: 0, y: 0 });
    // A move to where the shape is writes nothing.
    const before = Y.encodeStateVector(doc);
    updateShape(doc, 'n1', { pos: { x: 7, y: 8 } });
    updateShape(doc, 'n2', { pos: { x: 400, y: 0 } });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('keeps a drag of a selection small in the history: 60 frames of 50 notes add a handful of structs', () => {
    const doc = board(200);
    const start = structs(doc);
    for (let f = 1; f <= 60; f++) {
      doc.transact(() => {
        for (let j = 0; j < 50; j++) updateShape(doc, `n${j}`, { pos: { x: j * 200 + f, y: f } });
      });
    }
    const opened = new Y.Doc();
    Y.applyUpdate(opened, Y.encodeStateAsUpdate(doc));
    // With `pos` in each record this drag left 3,000 tombstones (bench/position-log.ts).
    expect(structs(opened) - start).toBeLessThanOrEqual(10);
    expect(posOf(opened, 'n49')!.pos).toEqual({ x: 49 * 200 + 60, y: 60 });
    expect(readPositions(opened).size).toBe(50);
  });

  it('moves a selection in one pass, skipping flows, unknown ids and invalid points', () => {
    const doc = board(3);
    addShape(doc, { kind: 'flow', id: 'f1', from: 'n0', to: 'n1' });
    moveShapes(doc, new Map([['n0', { x: 1, y: 1 }], ['n1', { x: 2, y: 2 }], ['f1', { x: 3, y: 3 }], ['ghost', { x: 4, y: 4 }], ['n2', { x: Number.NaN, y: 0 }]]));
    expect(positionLog(doc).toArray()).toEqual([['n0', 1, 1], ['n1', 2, 2]]);
  });

  it('takes the last entry when two people move one shape at once, and the next move leaves one entry', () => {
    const a = board(2);
    const b = new Y.Doc();
    sync(a, b);
    updateShape(a, 'n0', { pos: { x: 10, y: 10 } });
    updateShape(b, 'n0', { pos: { x: 20, y: 20 } });
    sync(a, b);
    expect(posOf(a, 'n0')!.pos).toEqual(posOf(b, 'n0')!.pos);
    expect(positionLog(a).length).toBe(2);
    updateShape(a, 'n0', { pos: { x: 30, y: 30 } });
    sync(a, b);
    expect(positionLog(b).toArray()).toEqual([['n0', 30, 30]]);
  });

  it('skips malformed entries and entries of shapes that do not exist', () => {
    const doc = board(1);
    positionLog(doc).push([['n0', 1, 2], ['n0', 'x', 3], 'junk', ['ghost', 9, 9], ['n0', Number.NaN, 1]]);
    expect(posOf(doc, 'n0')!.pos).toEqual({ x: 1, y: 2 });
    expect(readShapes(doc).records.map((s) => s.id)).toEqual(['n0']);
  });

  it('is undone with the move, and a deleted shape comes back where it was', () => {
    const doc = board(2);
    const origin = { local: true };
    const undo = new Y.UndoManager([doc.getMap('shapes'), positionLog(doc)], { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    doc.transact(() => updateShape(doc, 'n0', { pos: { x: 50, y: 60 } }), origin);
    undo.stopCapturing();
    doc.transact(() => updateShape(doc, 'n0', { pos: { x: 70, y: 80 } }), origin);
    undo.stopCapturing();
    undo.undo();
    expect(posOf(doc, 'n0')!.pos).toEqual({ x: 50, y: 60 });
    deleteShapes(doc, ['n0'], origin);
    expect(positionLog(doc).length).toBe(0);
    undo.undo();
    expect(posOf(doc, 'n0')!.pos).toEqual({ x: 50, y: 60 });
    undo.undo();
    expect(posOf(doc, 'n0')!.pos).toEqual({ x: 0, y: 0 });
    undo.redo();
    expect(posOf(doc, 'n0')!.pos).toEqual({ x: 50, y: 60 });
  });

  it('checks entries as the schema the server admits them by (seeded random values)', () => {
    const gen = prng.create(7);
    const part = (): unknown =>
      prng.oneOf(gen, [
        'n1', '', 'x'.repeat(64), 'x'.repeat(65), 0, -1.5, 1e308, Number.NaN, Infinity, -Infinity, null, undefined, true, [], {}, '1',
      ]);
    const values: unknown[] = [['n1', 1, 2], 'junk', null, {}, [1, 2, 3]];
    for (let i = 0; i < 2000; i++) values.push(Array.from({ length: prng.uint32(gen, 0, 4) }, part));
    for (const v of values) expect(isPositionEntry(v), JSON.stringify(v)).toBe(PositionEntry.safeParse(v).success);
  });
});
