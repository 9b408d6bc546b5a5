import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { positionLog } from '../../shared/model/positions';
import { addShape, addView, boardMaps, deleteView, initBoard, moveView, updateView, newId, readMeta, readShapes, readViews, updateShape, zOnTop } from '../../shared/model/board-doc';
import { NOTE_SIZE, NoteShape, SCHEMA_VERSION, Shape } from '../../shared/model/schema';
import { CreateBoardBody, JoinBody } from '../../shared/api';
import { boardToData } from '../../shared/formats/board-data';
import { accessTo, parseRoomName } from '../../shared/roles';

describe('shape schemas', () => {
  it('fill defaults for a minimal note', () => {
    const note = NoteShape.parse({ id: 'n1', kind: 'note' });
    expect(note).toMatchObject({ v: SCHEMA_VERSION, view: 'main', pos: { x: 0, y: 0 }, size: NOTE_SIZE, text: '', color: 'yellow' });
  });

  it('reject bad records with a reason', () => {
    expect(Shape.safeParse({ id: 'n1', kind: 'rocket' }).success).toBe(false);
    expect(Shape.safeParse({ id: 'n1', kind: 'note', pos: { x: Number.NaN, y: 0 } }).success).toBe(false);
    expect(Shape.safeParse({ id: 'n1', kind: 'note', text: 'x'.repeat(10_001) }).success).toBe(false);
    expect(Shape.safeParse({ id: '', kind: 'note' }).success).toBe(false);
  });

  it('repair an unknown colour to the default rather than dropping the note', () => {
    expect(NoteShape.parse({ id: 'n1', kind: 'note', color: 'ultraviolet' }).color).toBe('yellow');
  });
});

describe('board document accessors', () => {
  it('seed a board with a title and one view', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Imaging system');
    expect(readMeta(doc).title).toBe('Imaging system');
    expect(readViews(doc).records.map((v) => v.id)).toEqual(['main']);
  });

  it('skip and report a broken record without losing the good ones', () => {
    const doc = new Y.Doc();
    addShape(doc, { kind: 'note', id: 'good', text: 'ok' });
    const bad = new Y.Map<unknown>();
    bad.set('kind', 'note');
    bad.set('pos', 'not a point');
    boardMaps(doc).shapes.set('bad', bad);
    const { records, errors } = readShapes(doc);
    expect(records.map((r) => r.id)).toEqual(['good']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.id).toBe('bad');
    expect(errors[0]!.error).toMatch(/pos/);
  });

  it('write only the fields that changed, and a position as one entry of the position log', () => {
    const doc = new Y.Doc();
    const note = addShape(doc, { kind: 'note', id: newId(), text: 'a' });
    const changed: string[][] = [];
    boardMaps(doc).shapes.observeDeep((events) => {
      for (const e of events) changed.push([...(e as Y.YMapEvent<unknown>).keysChanged]);
    });
    updateShape(doc, note.id, { pos: { x: 5, y: 6 }, text: 'a' });
    expect(changed).toEqual([]);
    expect(positionLog(doc).toArray()).toEqual([[note.id, 5, 6]]);
    expect((readShapes(doc).records[0] as { pos: unknown }).pos).toEqual({ x: 5, y: 6 });
    expect(() => updateShape(doc, note.id, { pos: { x: 'left' } })).toThrow(/invalid change/);
  });

  it('store a shape without its id and without fields at their defaults, and read it back whole', () => {
    const doc = new Y.Doc();
    const note = addShape(doc, { kind: 'note', id: 'n1', text: 'Spoofed pump', pos: { x: 10, y: 20 }, z: 'a1' });
    const threat = addShape(doc, { kind: 'threat', id: 't1', title: 'Tampering', view: 'v2', z: 'a2' });
    const stored = (id: string) => [...boardMaps(doc).shapes.get(id)!.keys()].sort();
    // A default-sized note on the main view: kind, position, text, z and the schema version only.
    expect(stored('n1')).toEqual(['kind', 'pos', 'text', 'v', 'z']);
    expect(stored('t1')).toContain('view');
    expect(stored('t1')).not.toContain('id');
    // Every reader gets the full record, defaults filled in and the key as id.
    expect(readShapes(doc).records).toEqual([note, threat]);
    expect(boardToData(doc).shapes).toEqual([note, threat]);
    // A change back to a default is written (the field then holds it); an unchanged default is not.
    const changed: string[][] = [];
    boardMaps(doc).shapes.observeDeep((events) => {
      for (const e of events) changed.push([...(e as Y.YMapEvent<unknown>).keysChanged]);
    });
    updateShape(doc, 'n1', { size: NOTE_SIZE, color: 'yellow', view: 'main' });
    expect(changed).toEqual([]);
    updateShape(doc, 'n1', { size: { w: 300, h: 200 } });
    updateShape(doc, 'n1', { size: NOTE_SIZE });
    expect(changed).toEqual([['size'], ['size']]);
    expect(readShapes(doc).records[0]).toEqual(note);
  });

  it('read records written with every field (boards stored before shapes left defaults out)', () => {
    const doc = new Y.Doc();
    const full = NoteShape.parse({ kind: 'note', id: 'old', text: 'from last year', z: 'a0' });
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(full)) m.set(k, v);
    boardMaps(doc).shapes.set('old', m);
    expect(readShapes(doc).records).toEqual([full]);
    // A record whose id field names another record is still refused by the exports.
    m.set('id', 'someone-else');
    expect(readShapes(doc).records[0]!.id).toBe('someone-else');
    expect(boardToData(doc).shapes).toEqual([]);
  });

  it('order shapes by fractional z and put new ones on top', () => {
    const doc = new Y.Doc();
    const a = addShape(doc, { kind: 'note', id: 'a', z: zOnTop(doc) });
    const b = addShape(doc, { kind: 'note', id: 'b', z: zOnTop(doc) });
    expect(b.z > a.z).toBe(true);
    updateShape(doc, 'a', { z: zOnTop(doc) });
    expect(readShapes(doc).records.map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('HTTP bodies', () => {
  it('trim titles and reject empty, long or unknown fields', () => {
    expect(CreateBoardBody.parse({ title: '  Boot  ' }).title).toBe('Boot');
    expect(CreateBoardBody.safeParse({ title: '   ' }).success).toBe(false);
    expect(CreateBoardBody.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
    expect(CreateBoardBody.safeParse({ title: 'ok', admin: true }).success).toBe(false);
    expect(JoinBody.safeParse({ invite: 'short', name: 'Ada' }).success).toBe(false);
    expect(JoinBody.safeParse({ invite: 'k'.repeat(43), name: 'A\u0007da' }).success).toBe(false);
  });
});

describe('rooms and access', () => {
  it('parse the three document names strictly', () => {
    expect(parseRoomName('abcdefgh12')).toMatchObject({ kind: 'board', boardId: 'abcdefgh12' });
    expect(parseRoomName('abcdefgh12/facilitation')).toMatchObject({ kind: 'facilitation' });
    expect(parseRoomName('abcdefgh12/private/user-0001')).toMatchObject({ kind: 'private', userId: 'user-0001' });
    for (const bad of ['', 'short', 'abcdefgh12/other', 'abcdefgh12/private/', '../abcdefgh12', 'abcdefgh12/facilitation/x']) {
      expect(parseRoomName(bad)).toBeNull();
    }
  });

  it('give each role the access of the design', () => {
    const who = (role: 'facilitator' | 'participant' | 'viewer', userId = 'user-0001') => ({ role, userId, boardId: 'abcdefgh12' });
    const board = parseRoomName('abcdefgh12')!;
    const fac = parseRoomName('abcdefgh12/facilitation')!;
    const priv = parseRoomName('abcdefgh12/private/user-0001')!;
    expect(accessTo(board, who('viewer'))).toEqual({ read: true, write: false });
    expect(accessTo(board, who('participant'))).toEqual({ read: true, write: true });
    expect(accessTo(fac, who('participant'))).toEqual({ read: true, write: false });
    expect(accessTo(fac, who('facilitator'))).toEqual({ read: true, write: true });
    expect(accessTo(priv, who('participant'))).toEqual({ read: true, write: true });
    expect(accessTo(priv, who('facilitator', 'user-0002'))).toEqual({ read: false, write: false });
    expect(accessTo(parseRoomName('otherboard1')!, who('facilitator'))).toEqual({ read: false, write: false });
  });
});

describe('views', () => {
  it('are added in order, renamed, moved and deleted with their shapes; the last one stays', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Boot');
    addView(doc, { id: 'upd', title: 'Update path', kind: 'updatability' });
    addView(doc, { id: 'mph', title: 'Multi-patient', kind: 'multi-patient' });
    expect(readViews(doc).records.map((v) => v.id)).toEqual(['main', 'upd', 'mph']);
    updateView(doc, 'upd', { title: 'Firmware update path', description: 'Build to boot' });
    expect(readViews(doc).records[1]).toMatchObject({ title: 'Firmware update path', description: 'Build to boot', kind: 'updatability' });
    moveView(doc, 'mph', null, 'main');
    expect(readViews(doc).records.map((v) => v.id)).toEqual(['mph', 'main', 'upd']);
    addShape(doc, { kind: 'process', id: 'p1', view: 'upd' });
    addShape(doc, { kind: 'process', id: 'p2', view: 'main' });
    expect(deleteView(doc, 'upd')).toBe(true);
    expect(readShapes(doc).records.map((s) => s.id)).toEqual(['p2']);
    deleteView(doc, 'mph');
    expect(deleteView(doc, 'main')).toBe(false);
    expect(readViews(doc).records.map((v) => v.id)).toEqual(['main']);
  });
});
