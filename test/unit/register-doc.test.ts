import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, boardMaps, initBoard } from '../../shared/model/board-doc';
import { readAssumptions, readMitigations } from '../../shared/formats/board-data';
import {
  addAssumption,
  addMitigation,
  deleteAssumption,
  deleteMitigation,
  linkMitigation,
  linksOf,
  moveAssumption,
  setLinkStatus,
  shiftAssumption,
  threatsLinkedTo,
  toggleAssumptionThreat,
  unlinkMitigation,
  updateAssumption,
  updateMitigation,
} from '../../shared/model/register-doc';
import { numberMitigations } from '../../shared/threats/numbering';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, 'Register test');
  addShape(doc, { kind: 'threat', id: 't1', stride: 'T', title: 'Swapped firmware' });
  addShape(doc, { kind: 'threat', id: 't2', stride: 'S', title: 'Fake tablet' });
  addShape(doc, { kind: 'process', id: 'p1', label: 'Control board' });
  return doc;
}

describe('mitigations', () => {
  it('adds a validated record without a number; the server numbers it', () => {
    const doc = board();
    const m = addMitigation(doc, { id: 'm1', title: 'Signed images', category: 'integrity', num: 7 });
    expect(m).toMatchObject({ id: 'm1', num: 0, title: 'Signed images', category: 'integrity', owner: '', verification: '' });
    expect(m.createdAt).toBeGreaterThan(0);
    numberMitigations(doc);
    expect(readMitigations(doc).records.map((r) => [r.id, r.num])).toEqual([['m1', 1]]);
  });

  it('rejects a bad record and writes nothing', () => {
    const doc = board();
    expect(() => addMitigation(doc, { id: '', title: 'x' })).toThrow();
    expect(() => addMitigation(doc, { id: 'm1', title: 'x'.repeat(301) })).toThrow();
    expect(boardMaps(doc).mitigations.size).toBe(0);
  });

  it('updates only the fields that changed, and validates the result', () => {
    const doc = board();
    addMitigation(doc, { id: 'm1', title: 'Signed images' });
    const changed: string[] = [];
    boardMaps(doc).mitigations.get('m1')!.observe((e) => changed.push(...e.keysChanged));
    expect(updateMitigation(doc, 'm1', { title: 'Signed images', owner: 'Ann', verification: 'TC-12' })).toBe(true);
    expect(changed.sort()).toEqual(['owner', 'verification']);
    expect(() => updateMitigation(doc, 'm1', { category: 'telepathy' as never })).not.toThrow();
    // An unknown category is caught to the default by the schema rather than stored.
    expect(readMitigations(doc).records[0]!.category).toBe('integrity');
    expect(() => updateMitigation(doc, 'm1', { owner: 'x'.repeat(101) })).toThrow(/invalid change/);
    expect(updateMitigation(doc, 'nope', { owner: 'Bo' })).toBe(false);
  });

  it('deletes the record and every link to it in one transaction', () => {
    const doc = board();
    addMitigation(doc, { id: 'm1', title: 'Signed images' });
    addMitigation(doc, { id: 'm2', title: 'Pairing' });
    linkMitigation(doc, 't1', 'm1');
    linkMitigation(doc, 't1', 'm2');
    linkMitigation(doc, 't2', 'm1', 'verified');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(deleteMitigation(doc, 'm1')).toBe(true);
    expect(transactions).toBe(1);
    expect(linksOf(doc, 't1')).toEqual([{ id: 'm2', status: 'planned' }]);
    expect(linksOf(doc, 't2')).toEqual([]);
    expect(readMitigations(doc).records.map((m) => m.id)).toEqual(['m2']);
    expect(deleteMitigation(doc, 'm1')).toBe(false);
  });

  it('deleting is undone in one step, links included', () => {
    const doc = board();
    const origin = { name: 'local' };
    const { shapes, mitigations } = boardMaps(doc);
    addMitigation(doc, { id: 'm1', title: 'Signed images' });
    linkMitigation(doc, 't1', 'm1', 'implemented');
    const undo = new Y.UndoManager([shapes, mitigations], { trackedOrigins: new Set([origin]) });
    deleteMitigation(doc, 'm1', origin);
    undo.undo();
    expect(readMitigations(doc).records.map((m) => m.id)).toEqual(['m1']);
    expect(linksOf(doc, 't1')).toEqual([{ id: 'm1', status: 'implemented' }]);
  });
});

describe('links', () => {
  it('links many-to-many, each link with its own status', () => {
    const doc = board();
    addMitigation(doc, { id: 'm1' });
    addMitigation(doc, { id: 'm2' });
    expect(linkMitigation(doc, 't1', 'm1')).toBe(true);
    expect(linkMitigation(doc, 't1', 'm2', 'implemented')).toBe(true);
    expect(linkMitigation(doc, 't2', 'm1', 'verified')).toBe(true);
    expect(linksOf(doc, 't1')).toEqual([
      { id: 'm1', status: 'planned' },
      { id: 'm2', status: 'implemented' },
    ]);
    expect(threatsLinkedTo(doc, 'm1')).toEqual(
      expect.arrayContaining([
        { threatId: 't1', status: 'planned' },
        { threatId: 't2', status: 'verified' },
      ]),
    );
  });

  it('linking twice keeps one link and updates its status', () => {
    const doc = board();
    addMitigation(doc, { id: 'm1' });
    linkMitigation(doc, 't1', 'm1');
    linkMitigation(doc, 't1', 'm1', 'verified');
    expect(linksOf(doc, 't1')).toEqual([{ id: 'm1', status: 'verified' }]);
  });

  it('refuses links to missing records and to shapes that are not threats', () => {
    const doc = board();
    addMitigation(doc, { id: 'm1' });
    expect(linkMitigation(doc, 't1', 'nope')).toBe(false);
    expect(linkMitigation(doc, 'nope', 'm1')).toBe(false);
    expect(linkMitigation(doc, 'p1', 'm1')).toBe(false);
    expect(boardMaps(doc).shapes.get('p1')!.get('mitigations')).toBeUndefined();
  });

  it('sets the status of an existing link only, and unlinks', () => {
    const doc = board();
    addMitigation(doc, { id: 'm1' });
    expect(setLinkStatus(doc, 't1', 'm1', 'verified')).toBe(false);
    expect(linksOf(doc, 't1')).toEqual([]);
    linkMitigation(doc, 't1', 'm1');
    expect(setLinkStatus(doc, 't1', 'm1', 'implemented')).toBe(true);
    expect(linksOf(doc, 't1')).toEqual([{ id: 'm1', status: 'implemented' }]);
    expect(unlinkMitigation(doc, 't1', 'm1')).toBe(true);
    expect(unlinkMitigation(doc, 't1', 'm1')).toBe(false);
    expect(linksOf(doc, 't1')).toEqual([]);
  });

  it('drops malformed links written by a broken client instead of failing', () => {
    const doc = board();
    addMitigation(doc, { id: 'm1' });
    boardMaps(doc).shapes.get('t1')!.set('mitigations', [{ id: '' }, 'junk', { id: 'm0', status: 'planned' }]);
    linkMitigation(doc, 't1', 'm1');
    expect(linksOf(doc, 't1')).toEqual([
      { id: 'm0', status: 'planned' },
      { id: 'm1', status: 'planned' },
    ]);
  });
});

describe('assumptions', () => {
  const texts = (doc: Y.Doc) => readAssumptions(doc).records.map((a) => a.text);

  it('adds at the end, edits, deletes', () => {
    const doc = board();
    addAssumption(doc, { id: 'a1', text: 'The hospital network is hostile' });
    addAssumption(doc, { id: 'a2', text: 'Clinicians keep tablets locked' });
    addAssumption(doc, { id: 'a3', text: 'Build servers are trusted' });
    expect(texts(doc)).toEqual(['The hospital network is hostile', 'Clinicians keep tablets locked', 'Build servers are trusted']);
    expect(updateAssumption(doc, 'a2', { text: 'Tablets are managed devices' })).toBe(true);
    expect(texts(doc)[1]).toBe('Tablets are managed devices');
    expect(() => updateAssumption(doc, 'a2', { text: 'x'.repeat(2001) })).toThrow(/invalid change/);
    expect(deleteAssumption(doc, 'a1')).toBe(true);
    expect(deleteAssumption(doc, 'a1')).toBe(false);
    expect(texts(doc)).toEqual(['Tablets are managed devices', 'Build servers are trusted']);
  });

  it('reorders by fractional index: between two, to either end, one step at a time', () => {
    const doc = board();
    for (const id of ['a', 'b', 'c', 'd']) addAssumption(doc, { id, text: id });
    moveAssumption(doc, 'd', 'a', 'b');
    expect(texts(doc)).toEqual(['a', 'd', 'b', 'c']);
    moveAssumption(doc, 'c', null, 'a');
    expect(texts(doc)[0]).toBe('c');
    moveAssumption(doc, 'c', 'b', null);
    expect(texts(doc).at(-1)).toBe('c');
    expect(shiftAssumption(doc, 'c', -1)).toBe(true);
    expect(texts(doc).slice(-2)).toEqual(['c', 'b']);
    const first = texts(doc)[0]!;
    expect(shiftAssumption(doc, first, -1)).toBe(false);
  });

  it('survives a corrupt order key from another client', () => {
    const doc = board();
    addAssumption(doc, { id: 'a', text: 'a' });
    addAssumption(doc, { id: 'b', text: 'b' });
    boardMaps(doc).assumptions.get('a')!.set('order', 'zzzz');
    expect(() => addAssumption(doc, { id: 'c', text: 'c' })).not.toThrow();
    expect(() => moveAssumption(doc, 'b', 'a', null)).not.toThrow();
    expect(texts(doc)).toContain('c');
  });

  it('links threats without duplicates', () => {
    const doc = board();
    addAssumption(doc, { id: 'a', text: 'Network is hostile', threats: ['t1', 't1'] });
    expect(readAssumptions(doc).records[0]!.threats).toEqual(['t1']);
    updateAssumption(doc, 'a', { threats: ['t1', 't1', 't2'] });
    expect(readAssumptions(doc).records[0]!.threats).toEqual(['t1', 't2']);
    toggleAssumptionThreat(doc, 'a', 't1', false);
    toggleAssumptionThreat(doc, 'a', 't2', true);
    expect(readAssumptions(doc).records[0]!.threats).toEqual(['t2']);
    expect(toggleAssumptionThreat(doc, 'nope', 't2', true)).toBe(false);
  });

  it('writes with the origin it is given, so an undo manager tracks it', () => {
    const doc = board();
    const origin = { name: 'local' };
    const undo = new Y.UndoManager([boardMaps(doc).assumptions], { trackedOrigins: new Set([origin]) });
    addAssumption(doc, { id: 'a', text: 'Network is hostile' }, origin);
    undo.stopCapturing();
    updateAssumption(doc, 'a', { text: 'Network is friendly' }, origin);
    undo.undo();
    expect(texts(doc)).toEqual(['Network is hostile']);
    undo.undo();
    expect(texts(doc)).toEqual([]);
  });
});
