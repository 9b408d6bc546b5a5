import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, initBoard, readShapes } from '../../shared/model/board-doc';
import { noteToThreat, replaceShape, threatToNote } from '../../shared/model/convert';
import type { NoteShape, ThreatShape } from '../../shared/model/schema';

describe('turning a note into a threat and back', () => {
  it('keeps id, place and text, and undoes in one step', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Board');
    const origin = { name: 'me' };
    const undo = new Y.UndoManager(doc.getMap('shapes'), { trackedOrigins: new Set([origin]) });
    const note = addShape(doc, { kind: 'note', id: 'n1', pos: { x: 10, y: 20 }, text: 'Replay of bolus\nAn attacker records and resends the command.', color: 'pink' }) as NoteShape;

    const threat = replaceShape(doc, noteToThreat(note, 'T'), origin) as ThreatShape;
    expect(threat).toMatchObject({ id: 'n1', kind: 'threat', stride: 'T', pos: { x: 10, y: 20 }, title: 'Replay of bolus', description: 'An attacker records and resends the command.' });
    expect(readShapes(doc).records).toHaveLength(1);

    undo.stopCapturing();
    const back = replaceShape(doc, threatToNote(threat), origin) as NoteShape;
    expect(back).toMatchObject({ id: 'n1', kind: 'note', text: 'Replay of bolus\nAn attacker records and resends the command.' });

    undo.undo();
    expect(readShapes(doc).records[0]).toMatchObject({ id: 'n1', kind: 'threat', stride: 'T' });
    undo.undo();
    expect(readShapes(doc).records[0]).toMatchObject({ id: 'n1', kind: 'note', color: 'pink' });
  });

  it('fits a long first line into the title and keeps the rest', () => {
    const note = { kind: 'note', id: 'n', text: 'x'.repeat(350) } as NoteShape;
    const t = noteToThreat({ ...note, view: 'main', z: 'a0', createdBy: '', createdAt: 0, pos: { x: 0, y: 0 }, size: { w: 160, h: 120 }, color: 'yellow', v: 1 }, 'I');
    expect((t as { title: string }).title).toHaveLength(300);
    expect((t as { description: string }).description).toHaveLength(50);
  });
});
