import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { boardToData, BoardDataSchema, toBackup } from '../../shared/formats/board-data';
import { chunkedUpdates, prepareImport } from '../../server/imports/prepare';

function backup(threats: number): Uint8Array {
  const shapes = Array.from({ length: threats }, (_, i) => ({ kind: 'threat', id: `t${i}`, title: `Threat ${i}`, rationale: 'because '.repeat(20) }));
  const data = BoardDataSchema.parse({ meta: { title: 'Big \u202Eboard' }, views: [{ id: 'main', title: 'Global' }], shapes, mitigations: [], assumptions: [] });
  return new TextEncoder().encode(JSON.stringify(toBackup(data)));
}

describe('preparing an import (the work the import worker does)', () => {
  it('turns a large board into several updates that rebuild it exactly, with threats numbered', () => {
    const r = prepareImport(backup(1500));
    if (!r.ok) throw new Error(r.message);
    expect(r.title).toBe('Big board');
    expect(r.board.length).toBeGreaterThan(3);
    const doc = new Y.Doc();
    for (const u of r.board) Y.applyUpdate(doc, u);
    const data = boardToData(doc);
    expect(data.shapes).toHaveLength(1500);
    expect(new Set(data.shapes.map((s) => (s.kind === 'threat' ? s.num : 0)))).toHaveProperty('size', 1500);
    expect(data.meta.title).toBe('Big board');
  });

  it('answers what is wrong instead of throwing', () => {
    expect(prepareImport(new TextEncoder().encode('{"format":"threatboard-backup","version":1}'))).toMatchObject({ ok: false, status: 422 });
    expect(prepareImport(new Uint8Array([0xff, 0xfe, 0x00]))).toMatchObject({ ok: false, status: 400 });
  });

  it('falls back to one update when a root is not a map', () => {
    const doc = new Y.Doc();
    doc.getArray('list').push([1, 2, 3]);
    const updates = chunkedUpdates(doc);
    expect(updates).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, updates[0]!);
    expect(copy.getArray('list').toJSON()).toEqual([1, 2, 3]);
  });
});
