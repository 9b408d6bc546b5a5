import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { addShape, readShapes } from '../../shared/model/board-doc';
import { readBallot, readFacilitation, readHiddenNotes, setLocked, startBrainstorm, startVote, timer } from '../../shared/facilitation/doc';
import { Editor } from '../../client/editor/editor';
import { Facilitation } from '../../client/facilitation/session';
import type { ServerClock } from '../../client/sync/clock';
import { createStatusStore } from '../../client/sync/status';
import type { BoardConnection } from '../../client/sync/connect';
import type { Role } from '../../shared/roles';

/**
 * The editor with a live session, without a browser or a server: where changes go during a silent
 * brainstorm, what a locked diagram refuses, and the vote rules the client applies.
 */
let now = 1_000_000;
const clock = { now: () => now } as unknown as ServerClock;
const open: { ed: Editor; fac: Facilitation }[] = [];

function session(role: Role = 'participant', facDoc = new Y.Doc()) {
  const doc = new Y.Doc();
  const conn: BoardConnection = { doc, awareness: new Awareness(doc), provider: null as never, status: createStatusStore(), holdSync: () => undefined, destroy: () => undefined };
  const priv = role === 'viewer' ? null : new Y.Doc();
  const me = { userId: `user-${role}-000`, name: role, role };
  const fac = new Facilitation(facDoc, priv, me, clock);
  const ed = new Editor(conn, me, fac);
  open.push({ ed, fac });
  return { ed, fac, doc, facDoc, priv };
}

afterEach(() => {
  for (const { ed, fac } of open.splice(0)) {
    ed.destroy();
    fac.destroy();
  }
  vi.useRealTimers();
});

describe('silent brainstorm in the editor', () => {
  it('puts new threats and notes of the brainstorm view in the private document and edits them there', () => {
    const { ed, doc, facDoc, priv } = session();
    startBrainstorm(facDoc, 'main', now);
    const id = ed.createThreat({ stride: 'T', title: 'Replayed bolus command', at: { x: 0, y: 0 } });
    const note = ed.createNote({ x: 300, y: 0 }, { edit: false })!;
    expect(readShapes(doc).records).toHaveLength(0);
    expect(readHiddenNotes(priv!).map((s) => s.id).sort()).toEqual([id, note].sort());
    expect(ed.shapes.get().hidden.has(id)).toBe(true);
    expect(ed.visibleShapes().map((s) => s.id)).toContain(id);

    const before = readHiddenNotes(priv!).find((s) => s.id === id)!;
    ed.moveBy(ed.moveSet([id]), 40, 10);
    ed.setText(id, 'Replayed bolus command over BLE');
    const after = readHiddenNotes(priv!).find((s) => s.id === id)!;
    expect(after).toMatchObject({ title: 'Replayed bolus command over BLE' });
    expect(before.kind === 'threat' && after.kind === 'threat' && after.pos.x - before.pos.x).toBe(40);
    expect(ed.shapes.get().byId.get(id)).toEqual(after);

    ed.deleteIds([note]);
    expect(readHiddenNotes(priv!).map((s) => s.id)).toEqual([id]);
    expect(readShapes(doc).records).toHaveLength(0);
  });

  it('writes to the board outside the brainstorm view, and for viewers never', () => {
    const { ed, doc, facDoc } = session();
    startBrainstorm(facDoc, 'elsewhere', now);
    ed.createThreat({ stride: 'S', title: 'on the board' });
    expect(readShapes(doc).records).toHaveLength(1);
    const viewer = session('viewer', facDoc);
    expect(viewer.ed.createThreat({ stride: 'S', title: 'nope' })).toBe('');
    expect(viewer.fac.canVote()).toBe(false);
  });
});

describe('a locked diagram', () => {
  it('keeps diagram shapes as they are; notes and threats still work', () => {
    const { ed, doc, facDoc } = session();
    const p = addShape(doc, { kind: 'process', id: 'proc', view: 'main', pos: { x: 0, y: 0 }, label: 'Pump firmware' }).id;
    setLocked(facDoc, 'main', true);
    expect(ed.canChange(p)).toBe(false);
    ed.moveBy(ed.moveSet([p]), 50, 50);
    ed.nudge(10, 0);
    ed.resize(new Map([[p, { x: 0, y: 0, w: 300, h: 300 }]]));
    expect(ed.updateShape(p, { label: 'changed' })).toBe(false);
    ed.setText(p, 'changed');
    ed.deleteIds([p]);
    const s = readShapes(doc).records.find((x) => x.id === p)!;
    expect(s).toMatchObject({ pos: { x: 0, y: 0 }, label: 'Pump firmware', size: { w: 140, h: 80 } });
    expect(ed.createShape('entity', { x: 0, y: 0 })).toBeNull();
    expect(ed.createNote({ x: 400, y: 400 }, { edit: false })).not.toBeNull();
    const t = ed.createThreat({ stride: 'T', elements: [p] });
    ed.moveBy(ed.moveSet([t]), 5, 5);
    expect(readShapes(doc).records).toHaveLength(3);

    setLocked(facDoc, 'main', false);
    ed.moveBy(ed.moveSet([p]), 50, 50);
    expect(readShapes(doc).records.find((x) => x.id === p)).toMatchObject({ pos: { x: 50, y: 50 } });
  });
});

describe('voting from the client', () => {
  beforeEach(() => {
    now = 1_000_000;
  });

  it('keeps dots within the budget and one per threat', () => {
    const { fac, facDoc, priv } = session();
    const voteId = startVote(facDoc, { scope: { kind: 'all' }, budget: 2, now });
    expect(fac.dot('t1', 'click')).toEqual({ delta: 1 });
    expect(fac.dot('t2', 'click')).toEqual({ delta: 1 });
    expect(fac.dot('t3', 'click')).toHaveProperty('refused');
    expect(fac.notice.get()).toMatch(/All 2 of your dots/);
    expect(fac.dot('t1', 'click')).toEqual({ delta: -1 });
    expect(readBallot(priv!, voteId)).toEqual({ t2: 1 });
    // Participants are in vote mode as soon as a vote opens; facilitators switch it on themselves.
    expect(fac.placingDots.get()).toBe(true);
  });

  it("closes a vote started with a time limit when the facilitator's timer runs out", () => {
    vi.useFakeTimers();
    const { fac, facDoc } = session('facilitator');
    expect(fac.placingDots.get()).toBe(false);
    const id = fac.startVote({ scope: { kind: 'all' }, budget: 3, allowMultiple: false, durationMs: 60_000 })!;
    expect(readFacilitation(facDoc).timer.status).toBe('running');
    now += 30_000;
    vi.advanceTimersByTime(1000);
    expect(readFacilitation(facDoc).votes[0]).toMatchObject({ id, status: 'open' });
    now += 31_000;
    vi.advanceTimersByTime(1000);
    expect(readFacilitation(facDoc).votes[0]).toMatchObject({ id, status: 'closing' });
    timer.stop(facDoc);
  });

  it('refuses facilitator actions from a participant', () => {
    const { fac, facDoc } = session('participant');
    fac.startTimer(60_000);
    fac.setLocked('main', true);
    expect(fac.startVote({ scope: { kind: 'all' }, budget: 3, allowMultiple: false })).toBeUndefined();
    const f = readFacilitation(facDoc);
    expect(f.timer.status).toBe('idle');
    expect(f.locks.size).toBe(0);
    expect(f.votes).toHaveLength(0);
  });
});
