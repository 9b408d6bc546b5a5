import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, boardMaps, initBoard, updateShape } from '../../shared/model/board-doc';
import { addMitigation } from '../../shared/model/register-doc';
import { boardToData } from '../../shared/formats/board-data';
import { toYMap } from '../../shared/model/ymap';
import { stampsReader } from '../../client/since/read';
import { RESTAMP_MS, summarize, type SinceEntry, type SinceSummary } from '../../client/since/summary';

const ME = 'user-me0001';
const ADA = 'user-ada001';
const BOB = 'user-bob001';
const SINCE = 10_000_000;

/** Stamp a record the way the server's policy does. */
function stamp(doc: Y.Doc, map: 'shapes' | 'mitigations' | 'comments', id: string, s: { createdBy?: string; createdAt?: number; updatedBy?: string; updatedAt?: number }) {
  const m = boardMaps(doc)[map].get(id)!;
  doc.transact(() => {
    for (const [k, v] of Object.entries(s)) m.set(k, v);
  });
}

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, 'Pump');
  addShape(doc, { kind: 'threat', id: 't1', title: 'Spoofed pump', stride: 'S', num: 1 });
  addShape(doc, { kind: 'threat', id: 't2', title: 'Mine', stride: 'T', num: 2 });
  addShape(doc, { kind: 'note', id: 'n1', text: 'to be deleted', pos: { x: 0, y: 0 } });
  addShape(doc, { kind: 'note', id: 'n2', text: 'to be moved', pos: { x: 0, y: 0 } });
  addShape(doc, { kind: 'note', id: 'n4', text: 'old edit', pos: { x: 0, y: 0 } });
  stamp(doc, 'shapes', 't1', { createdBy: ADA, createdAt: SINCE - 5000, updatedBy: ADA, updatedAt: SINCE - 5000 });
  stamp(doc, 'shapes', 't2', { createdBy: ME, createdAt: SINCE - 5000, updatedBy: ME, updatedAt: SINCE - 5000 });
  return doc;
}

const brief = (list: SinceEntry[]) => list.map((e) => `${e.change} ${e.id}${e.by ? ` by ${e.by}` : ''}`);

function summary(doc: Y.Doc, base: ReturnType<typeof boardToData> | null, since = SINCE): SinceSummary {
  return summarize({ me: ME, since, base, current: boardToData(doc), stamps: stampsReader(doc) });
}

describe('what changed since I was last here', () => {
  it('lists exactly what others added, changed and removed after I left, with field changes; my own changes and layout are left out', () => {
    const doc = board();
    const base = boardToData(doc);

    addShape(doc, { kind: 'threat', id: 't3', title: 'Replayed dose', stride: 'T' });
    stamp(doc, 'shapes', 't3', { createdBy: ADA, createdAt: SINCE + 100, updatedBy: ADA, updatedAt: SINCE + 100 });
    updateShape(doc, 't1', { status: 'mitigated', owner: 'Ada' });
    // Ada's edit stamped before I left, restamped less than a minute later: still her change after I left.
    stamp(doc, 'shapes', 't1', { updatedBy: ADA, updatedAt: SINCE - RESTAMP_MS / 2 });
    boardMaps(doc).shapes.delete('n1');
    updateShape(doc, 'n2', { pos: { x: 300, y: 40 } });
    stamp(doc, 'shapes', 'n2', { updatedBy: BOB, updatedAt: SINCE + 200 });
    addMitigation(doc, { id: 'm1', title: 'Sign dose commands' });
    stamp(doc, 'mitigations', 'm1', { createdBy: BOB, createdAt: SINCE + 300, updatedBy: BOB, updatedAt: SINCE + 300 });
    // Mine: a new note and an edit of my threat.
    addShape(doc, { kind: 'note', id: 'n3', text: 'my note', pos: { x: 0, y: 0 } });
    stamp(doc, 'shapes', 'n3', { createdBy: ME, createdAt: SINCE + 400, updatedBy: ME, updatedAt: SINCE + 400 });
    updateShape(doc, 't2', { title: 'Mine, renamed' });
    stamp(doc, 'shapes', 't2', { updatedBy: ME, updatedAt: SINCE + 500 });

    const s = summary(doc, base);
    expect(brief(s.threats)).toEqual([`added t3 by ${ADA}`, `changed t1 by ${ADA}`]);
    expect(brief(s.other)).toEqual(['removed n1']);
    expect(brief(s.mitigations)).toEqual([`added m1 by ${BOB}`]);
    expect(s.threats[1]!.fields).toEqual([
      { field: 'status', before: 'open', after: 'mitigated' },
      { field: 'owner', before: '', after: 'Ada' },
    ]);
    expect(s.threats[0]!.label).toBe('Replayed dose');
    expect(s.other[0]!.label).toBe('to be deleted');
    expect(s.comments).toEqual([]);
  });

  it('leaves out a change stamped well before I left (the version is older than my visit)', () => {
    const doc = board();
    const base = boardToData(doc);
    updateShape(doc, 'n4', { text: 'edited long before I left' });
    stamp(doc, 'shapes', 'n4', { updatedBy: ADA, updatedAt: SINCE - RESTAMP_MS - 1 });
    expect(brief(summary(doc, base).other)).toEqual([]);
    stamp(doc, 'shapes', 'n4', { updatedBy: ADA, updatedAt: SINCE + 1 });
    expect(brief(summary(doc, base).other)).toEqual([`changed n4 by ${ADA}`]);
  });

  it('lists new comments by others, and those that mention me apart; reads comment fields loosely', () => {
    const doc = board();
    const base = boardToData(doc);
    const comments = boardMaps(doc).comments;
    const comment = (id: string, fields: Record<string, unknown>) =>
      doc.transact(() => comments.set(id, toYMap({ id, target: 't1', parent: null, text: `text of ${id}`, mentions: [], resolved: false, ...fields })));
    comment('c1', { createdBy: ADA, createdAt: SINCE + 10, mentions: [ME] });
    comment('c2', { createdBy: BOB, createdAt: SINCE + 20 });
    comment('c3', { createdBy: ME, createdAt: SINCE + 30 });
    comment('c4', { createdBy: BOB, createdAt: SINCE - 10 });
    // A reply whose target is gone and whose mentions do not parse is still listed.
    comment('c5', { createdBy: BOB, createdAt: SINCE + 40, target: 'gone', mentions: 'nonsense', parent: 'c2' });

    const s = summary(doc, base);
    expect(brief(s.mentions)).toEqual([`added c1 by ${ADA}`]);
    expect(brief(s.comments)).toEqual([`added c5 by ${BOB}`, `added c2 by ${BOB}`]);
    expect(s.mentions[0]!.target).toEqual({ id: 't1', map: 'shapes', label: 'T-1 Spoofed pump' });
    expect(s.comments[0]!.target).toEqual({ id: 'gone', map: '', label: '' });
    expect(s.mentions[0]!.label).toBe('text of c1');
  });

  it('without a version from before my visit, lists from the stamps alone (no removals, no field details)', () => {
    const doc = board();
    addShape(doc, { kind: 'threat', id: 't3', title: 'New', stride: 'T' });
    stamp(doc, 'shapes', 't3', { createdBy: ADA, createdAt: SINCE + 100, updatedBy: ADA, updatedAt: SINCE + 100 });
    updateShape(doc, 't1', { status: 'accepted' });
    stamp(doc, 'shapes', 't1', { updatedBy: BOB, updatedAt: SINCE + 200 });
    boardMaps(doc).shapes.delete('n1');
    const s = summary(doc, null);
    expect(brief(s.threats)).toEqual([`added t3 by ${ADA}`, `changed t1 by ${BOB}`]);
    expect(s.threats[1]!.fields).toEqual([]);
    expect(s.other).toEqual([]);
  });

  it('is empty when only I changed things', () => {
    const doc = board();
    const base = boardToData(doc);
    updateShape(doc, 't2', { status: 'accepted' });
    stamp(doc, 'shapes', 't2', { updatedBy: ME, updatedAt: SINCE + 1 });
    const s = summary(doc, base);
    expect([...s.threats, ...s.other, ...s.mitigations, ...s.comments, ...s.mentions]).toEqual([]);
  });
});
