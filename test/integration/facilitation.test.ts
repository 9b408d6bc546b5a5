import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addShape, newId, readShapes } from '../../shared/model/board-doc';
import {
  addHiddenNote,
  castDot,
  readFacilitation,
  requestCloseVote,
  setPhase,
  startBrainstorm,
  startVote,
  stopBrainstorm,
} from '../../shared/facilitation/doc';
import { MessageType } from '../../shared/protocol';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, rawConnect, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let board: CreateBoardResponse;
const clients: TestClient[] = [];

async function open(room: string, token: string, record?: Uint8Array[]): Promise<TestClient> {
  const c = connectClient(server, room, token, { record });
  clients.push(c);
  await synced(c);
  return c;
}

/** A user with their three documents open, like a browser on the board page. */
async function person(role: 'facilitator' | 'participant', name: string, record?: Uint8Array[]) {
  const session: JoinResponse = await join(server, board, role, name);
  return {
    session,
    board: await open(board.id, session.token, record),
    fac: await open(`${board.id}/facilitation`, session.token, record),
    priv: await open(`${board.id}/private/${session.userId}`, session.token, record),
  };
}

beforeEach(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
  board = await createBoard(server, 'Workshop');
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  data.remove();
});

/** Root-level types named in the Yjs updates among some frames: what documents' content they carry. */
function rootTypesIn(frames: Uint8Array[]): Set<string> {
  const roots = new Set<string>();
  for (const frame of frames) {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== MessageType.Sync) continue;
    // Step 1 carries a state vector, not content.
    if (decoding.readVarUint(d) === 0) continue;
    const update = decoding.readVarUint8Array(d);
    for (const s of Y.decodeUpdate(update).structs) {
      const parent = (s as { parent?: unknown }).parent;
      if (typeof parent === 'string') roots.add(parent);
    }
  }
  return roots;
}

const contains = (frames: Uint8Array[], text: string) => frames.some((f) => Buffer.from(f).includes(Buffer.from(text, 'utf8')));

describe('facilitation document', () => {
  it('starts with the four questions and the first as the phase', async () => {
    const p = await person('participant', 'Pat');
    const f = readFacilitation(p.fac.doc);
    expect(f.agenda.map((a) => a.title)).toEqual([
      'What are we working on?',
      'What can go wrong?',
      'What are we going to do about it?',
      'Did we do a good enough job?',
    ]);
    expect(f.phase).toBe(f.agenda[0]!.id);
  });

  it('takes writes from facilitators and drops those of participants', async () => {
    const fac = await person('facilitator', 'Fay');
    const pat = await person('participant', 'Pat');
    const agenda = readFacilitation(fac.fac.doc).agenda;
    setPhase(pat.fac.doc, agenda[3]!.id);
    const other = await person('participant', 'Other');
    expect(readFacilitation(other.fac.doc).phase).toBe(agenda[0]!.id);
    expect(readFacilitation(fac.fac.doc).phase).toBe(agenda[0]!.id);
    setPhase(fac.fac.doc, agenda[1]!.id);
    await eventually(() => expect(readFacilitation(other.fac.doc).phase).toBe(agenda[1]!.id));
    const late = await person('participant', 'Late');
    expect(readFacilitation(late.fac.doc).phase).toBe(agenda[1]!.id);
  });

  it('refuses another user’s private document before the upgrade', async () => {
    const a = await join(server, board, 'participant', 'A');
    const b = await join(server, board, 'facilitator', 'B');
    const base = `${server.url.replace('http', 'ws')}/sync/${board.id}/private/`;
    expect((await rawConnect(`${base}${a.userId}?token=${b.token}`)).status).toBe(403);
    const own = await rawConnect(`${base}${a.userId}?token=${a.token}`);
    expect(own.status).toBe(101);
    own.ws!.close();
  });
});

describe('silent brainstorming', () => {
  it('counts hidden notes for the facilitator, keeps their text secret, and reveals them in place with the author', async () => {
    const seen: Uint8Array[] = [];
    const fay = await person('facilitator', 'Fay', seen);
    const ada = await person('participant', 'Ada');
    const bo = await person('participant', 'Bo', seen);
    startBrainstorm(fay.fac.doc, 'main', Date.now());
    const secret = `Replay of a bolus command ${newId()}`;
    const id = newId();
    addHiddenNote(ada.priv.doc, { kind: 'threat', id, view: 'main', stride: 'T', title: secret, pos: { x: 320, y: 140 } });
    addHiddenNote(ada.priv.doc, { kind: 'threat', id: newId(), view: 'main', stride: 'S', title: 'second' });
    await eventually(() => expect(readFacilitation(fay.fac.doc).hidden[ada.session.userId]).toEqual({ name: 'Ada', count: 2 }));
    expect(readShapes(bo.board.doc).records).toHaveLength(0);
    expect(contains(seen, secret)).toBe(false);
    expect(rootTypesIn(seen).has('notes')).toBe(false);

    stopBrainstorm(fay.fac.doc);
    await eventually(() => {
      const revealed = readShapes(bo.board.doc).records.find((s) => s.id === id);
      expect(revealed).toMatchObject({ kind: 'threat', title: secret, pos: { x: 320, y: 140 }, createdBy: ada.session.userId });
      expect(revealed?.kind === 'threat' && revealed.num).toBeGreaterThan(0);
    });
    await eventually(() => expect(readFacilitation(fay.fac.doc).hidden[ada.session.userId]?.count).toBe(0));
    expect(ada.priv.doc.getMap('notes').size).toBe(0);
    // The capture works: once revealed, the text does reach others.
    expect(contains(seen, secret)).toBe(true);
  });
});

describe('dot voting', () => {
  it('keeps ballots secret until close, then tallies within budget and candidates', async () => {
    const seen: Uint8Array[] = [];
    const fay = await person('facilitator', 'Fay', seen);
    const ada = await person('participant', 'Ada');
    const bo = await person('participant', 'Bo');
    // Over-budget dots are dropped in threat-id order, so the ids are chosen to sort t1 < t2 < t3.
    const t = (prefix: string, view: string, title: string) => addShape(fay.board.doc, { kind: 'threat', id: prefix + newId(), view, title }).id;
    const [t1, t2, t3] = [t('1', 'main', 'one'), t('2', 'main', 'two'), t('3', 'main', 'three')];
    const elsewhere = t('4', 'other', 'not a candidate');
    await eventually(() => expect(readShapes(ada.board.doc).records).toHaveLength(4));

    const voteId = startVote(fay.fac.doc, { scope: { kind: 'view', view: 'main' }, budget: 2, allowMultiple: false, now: Date.now() });
    await eventually(() => expect(readFacilitation(ada.fac.doc).votes[0]?.status).toBe('open'));
    // Ada: three dots on t1 (only one counts), one on t2; over budget after that; one on a non-candidate.
    for (let i = 0; i < 3; i++) castDot(ada.priv.doc, voteId, t1, 1);
    castDot(ada.priv.doc, voteId, t2, 1);
    castDot(ada.priv.doc, voteId, t3, 1);
    castDot(ada.priv.doc, voteId, elsewhere, 1);
    // Bo: one on t2, then takes back a dot on t3.
    castDot(bo.priv.doc, voteId, t2, 1);
    castDot(bo.priv.doc, voteId, t3, 1);
    castDot(bo.priv.doc, voteId, t3, -1);

    await eventually(() => expect(readFacilitation(fay.fac.doc).voted[voteId]).toBe(2));
    expect(readFacilitation(fay.fac.doc).votes[0]?.results).toBeNull();
    expect(rootTypesIn(seen).has('ballots')).toBe(false);
    expect(contains(seen, 'tallies')).toBe(false);

    requestCloseVote(fay.fac.doc, voteId);
    await eventually(() => expect(readFacilitation(bo.fac.doc).votes[0]?.status).toBe('closed'));
    const results = readFacilitation(bo.fac.doc).votes[0]!.results!;
    expect(results.tallies).toEqual({ [t1]: 1, [t2]: 2 });
    expect(results.voters).toBe(2);
    // Ada: 2 extra on t1, t3 over budget, 1 non-candidate.
    expect(results.ignored).toBe(4);
    await eventually(() => {
      const votes = Object.fromEntries(readShapes(bo.board.doc).records.flatMap((s) => (s.kind === 'threat' ? [[s.id, s.votes]] : [])));
      expect(votes).toEqual({ [t1]: 1, [t2]: 2, [t3]: 0, [elsewhere]: 0 });
    });
    expect(contains(seen, 'tallies')).toBe(true);
  });
});

describe('timed votes', () => {
  it('are closed and tallied by the server when the shared timer runs out, with nobody pressing Close', async () => {
    const fay = await person('facilitator', 'Fay');
    const ada = await person('participant', 'Ada');
    const threat = addShape(fay.board.doc, { kind: 'threat', id: newId(), title: 'one' }).id;
    await eventually(() => expect(readShapes(ada.board.doc).records).toHaveLength(1));
    const voteId = startVote(fay.fac.doc, { scope: { kind: 'all' }, budget: 3, durationMs: 1500, now: Date.now() });
    await eventually(() => expect(readFacilitation(ada.fac.doc).votes[0]?.status).toBe('open'));
    expect(readFacilitation(ada.fac.doc).timer.status).toBe('running');
    castDot(ada.priv.doc, voteId, threat, 1);
    // The facilitator leaves; the server still closes the vote on time.
    fay.board.destroy();
    fay.fac.destroy();
    fay.priv.destroy();
    await eventually(() => expect(readFacilitation(ada.fac.doc).votes[0]?.status).toBe('closed'), 8000);
    expect(readFacilitation(ada.fac.doc).votes[0]?.results?.tallies).toEqual({ [threat]: 1 });
  });
});
