import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { Editor } from '../../client/editor/editor';
import { Facilitation } from '../../client/facilitation/session';
import type { ServerClock } from '../../client/sync/clock';
import { createStatusStore } from '../../client/sync/status';
import type { BoardConnection } from '../../client/sync/connect';
import type { Role } from '../../shared/roles';
import { initBoard } from '../../shared/model/board-doc';

/** "Follow me" across two editors sharing one facilitation document (as the server would relay it). */
const clock = { now: () => 1_000_000 } as unknown as ServerClock;
const open: { ed: Editor; fac: Facilitation }[] = [];
afterEach(() => {
  for (const { ed, fac } of open.splice(0)) {
    ed.destroy();
    fac.destroy();
  }
});

function person(role: Role, facDoc: Y.Doc) {
  const doc = new Y.Doc();
  initBoard(doc, 'Pump');
  const conn: BoardConnection = { doc, awareness: new Awareness(doc), provider: null as never, status: createStatusStore(), holdSync: () => undefined, destroy: () => undefined };
  const me = { userId: `user-${role}`, name: role, role };
  const fac = new Facilitation(facDoc, new Y.Doc(), me, clock);
  const ed = new Editor(conn, me, fac);
  ed.viewport.size.set({ w: 800, h: 600 });
  ed.follow.start();
  open.push({ ed, fac });
  return ed;
}

describe('follow me', () => {
  it('moves a participant with the facilitator until they move on their own', () => {
    const facDoc = new Y.Doc();
    const lead = person('facilitator', facDoc);
    const p = person('participant', facDoc);
    lead.follow.setFollowMe(true);
    expect(p.follow.state.get().following).toEqual({ kind: 'focus' });
    lead.viewport.zoomStep(1);
    expect(p.viewport.camera.get().zoom).toBeCloseTo(lead.viewport.camera.get().zoom, 3);
    p.viewport.zoomStep(-1);
    expect(p.follow.state.get()).toEqual({ following: null, strayed: true });
    p.follow.followAgain();
    expect(p.viewport.camera.get().zoom).toBeCloseTo(lead.viewport.camera.get().zoom, 3);
    lead.follow.setFollowMe(false);
    expect(p.follow.state.get().following).toBeNull();
  });
});
