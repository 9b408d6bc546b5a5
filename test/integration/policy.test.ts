import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addShape, addView, boardMaps, deleteView, newId, readMeta, readShapes, updateShape } from '../../shared/model/board-doc';
import { positionLog, POSITIONS_ROOT, readPositions, removePositions } from '../../shared/model/positions';
import { facilitationMaps, readFacilitation, setLocked, startVote } from '../../shared/facilitation/doc';
import { CloseCode, MessageType } from '../../shared/protocol';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, rawConnect, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

/**
 * Policy before relay and admission before apply, seen from real clients: what a tampered client
 * writes is refused or put back before anyone else receives it, and the author's copy is corrected.
 */
let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let board: CreateBoardResponse;
const clients: TestClient[] = [];

beforeEach(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
  board = await createBoard(server, 'Policy board');
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  data.remove();
});

async function open(room: string, session: JoinResponse): Promise<TestClient> {
  const c = connectClient(server, room, session.token);
  clients.push(c);
  await synced(c);
  return c;
}

/** Fay (facilitator) and Pat (participant), each with the board and the facilitation document open. */
async function facilitatorAndParticipant() {
  const fSession = await join(server, board, 'facilitator', 'Fay');
  const patSession = await join(server, board, 'participant', 'Pat');
  return {
    fay: await open(board.id, fSession),
    fac: await open(`${board.id}/facilitation`, fSession),
    pat: await open(board.id, patSession),
    patFac: await open(`${board.id}/facilitation`, patSession),
    patSession,
  };
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Sync);
  encoding.writeVarUint(enc, 2);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

/** Send one update on a raw socket and report the close code (or 'open' if it stays open). */
async function sendRaw(room: string, token: string, update: Uint8Array): Promise<number | 'open'> {
  const { ws } = await rawConnect(`${server.url.replace('http', 'ws')}/sync/${room}?token=${encodeURIComponent(token)}`);
  if (!ws) throw new Error('no socket');
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.send(syncUpdateFrame(update));
  const code = await Promise.race([closed, new Promise<'open'>((r) => setTimeout(() => r('open'), 1500))]);
  ws.terminate();
  return code;
}

describe('admission: what the model never writes is refused before it is applied', () => {
  it('refuses ContentJSON, a Y.Map below a record, a plain value as a record and an unknown root; others carry on', async () => {
    const p = await join(server, board, 'participant', 'Pat');
    const watcher = await open(board.id, await join(server, board, 'participant', 'Wendy'));

    const json = new Y.Doc();
    json.transact((tr) => {
      const map = json.getMap('shapes');
      const id = Y.createID(json.clientID, 0);
      new Y.Item(id, null, null, null, null, map, 'evil', new Y.ContentJSON([{ a: 1 }])).integrate(tr, 0);
    });
    const chain = new Y.Doc();
    const rec = new Y.Map<unknown>();
    chain.getMap('shapes').set('deep', rec);
    rec.set('inner', new Y.Map());
    const plainRecord = new Y.Doc();
    plainRecord.getMap('mitigations').set('m1', 'not a record');
    const unknownRoot = new Y.Doc();
    unknownRoot.getMap('elsewhere').set('x', 1);
    const longString = new Y.Doc();
    longString.getMap('meta').set('title', 'x'.repeat(30_000));

    for (const d of [json, chain, plainRecord, unknownRoot, longString]) {
      expect(await sendRaw(board.id, p.token, Y.encodeStateAsUpdate(d))).toBe(CloseCode.Refused);
    }
    // The board still syncs for everyone else, and none of it arrived.
    const w2 = await open(board.id, await join(server, board, 'participant', 'Late'));
    addShape(watcher.doc, { kind: 'note', id: 'still-works', text: 'ok' });
    await eventually(() => expect(boardMaps(w2.doc).shapes.has('still-works')).toBe(true));
    for (const d of [watcher.doc, w2.doc]) {
      const { shapes, mitigations } = boardMaps(d);
      expect(shapes.has('evil')).toBe(false);
      expect(shapes.has('deep')).toBe(false);
      expect(mitigations.has('m1')).toBe(false);
    }
  });

  it('holds an update whose dependencies are missing until they arrive, then judges it on what it changed', async () => {
    const p = await join(server, board, 'participant', 'Pat');
    const f = await open(board.id, await join(server, board, 'facilitator', 'Fay'));
    // A participant's two updates: the second renames the board and builds on the first.
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(f.doc));
    const before = Y.encodeStateVector(attacker);
    boardMaps(attacker).meta.set('title', 'first');
    const mid = Y.encodeStateVector(attacker);
    boardMaps(attacker).meta.set('title', 'Hijacked');
    const first = Y.encodeStateAsUpdate(attacker, before);
    const second = Y.diffUpdate(Y.encodeStateAsUpdate(attacker), mid);

    const { ws } = await rawConnect(`${server.url.replace('http', 'ws')}/sync/${board.id}?token=${encodeURIComponent(p.token)}`);
    ws!.send(syncUpdateFrame(second));
    // The facilitator edits meanwhile: a held struct must not be integrated inside their transaction.
    addShape(f.doc, { kind: 'note', id: 'fac-note', text: 'hello' });
    await eventually(() => expect(boardMaps(f.doc).shapes.get('fac-note')?.get('createdBy')).toBeTruthy());
    expect(readMeta(f.doc).title).toBe('Policy board');
    ws!.send(syncUpdateFrame(first));
    const late = await open(board.id, p);
    await eventually(() => expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(f.doc)));
    expect(readMeta(f.doc).title).toBe('Policy board');
    expect(readMeta(late.doc).title).toBe('Policy board');
    ws!.terminate();
  });
});

describe('policy: server-owned facts and locks are put back, and nobody else sees the attempt', () => {
  it('stamps authorship from the token and puts back forged numbers, votes and authors', async () => {
    const pSession = await join(server, board, 'participant', 'Pat');
    const pat = await open(board.id, pSession);
    const wSession = await join(server, board, 'participant', 'Wendy');
    const wendy = await open(board.id, wSession);
    const seen: unknown[] = [];
    boardMaps(wendy.doc).shapes.observeDeep(() => {
      const m = boardMaps(wendy.doc).shapes.get('t1');
      if (m) seen.push(m.get('votes'), m.get('createdBy'), m.get('num'));
    });
    // A tampered client creates a threat that claims 99 votes, number 42 and someone else as author.
    addShape(pat.doc, { kind: 'threat', id: 't1', title: 'forged', votes: 99, num: 42, createdBy: 'someone-else', createdAt: 1 });
    await eventually(() => {
      const t = readShapes(wendy.doc).records.find((s) => s.id === 't1');
      expect(t?.kind === 'threat' && t.num).toBe(1);
    });
    for (const d of [pat.doc, wendy.doc]) {
      const t = boardMaps(d).shapes.get('t1')!;
      expect(t.get('votes')).toBe(0);
      expect(t.get('createdBy')).toBe(pSession.userId);
      expect(t.get('createdAt')).toBeGreaterThan(1);
    }
    expect(seen).not.toContain(99);
    expect(seen).not.toContain('someone-else');
    expect(seen).not.toContain(42);
    // Later forgery of an existing record's server-owned field is put back too, on the forger's copy as well.
    boardMaps(pat.doc).shapes.get('t1')!.set('votes', 7);
    boardMaps(pat.doc).shapes.get('t1')!.set('title', 'honest edit');
    await eventually(() => expect(boardMaps(wendy.doc).shapes.get('t1')!.get('title')).toBe('honest edit'));
    await eventually(() => expect(boardMaps(pat.doc).shapes.get('t1')!.get('votes')).toBe(0));
    expect(seen).not.toContain(7);
    // Its author changed it within a minute: no separate "updated" stamps, the creation stamps stand in.
    const t1 = () => boardMaps(wendy.doc).shapes.get('t1')!;
    expect(t1().get('updatedBy') ?? t1().get('createdBy')).toBe(pSession.userId);
    // Someone else's change is stamped with who made it, whatever that client claims.
    boardMaps(wendy.doc).shapes.get('t1')!.set('title', 'second opinion');
    boardMaps(wendy.doc).shapes.get('t1')!.set('updatedBy', pSession.userId);
    await eventually(() => expect(boardMaps(pat.doc).shapes.get('t1')!.get('updatedBy')).toBe(wSession.userId));
    expect(boardMaps(pat.doc).shapes.get('t1')!.get('title')).toBe('second opinion');
  });

  it('stamps a new note from an honest client once: no placeholder stays in the history', async () => {
    const pSession = await join(server, board, 'participant', 'Pat');
    const pat = await open(board.id, pSession);
    const wendy = await open(board.id, await join(server, board, 'participant', 'Wendy'));
    addShape(pat.doc, { kind: 'note', id: 'n1', text: 'honest' });
    // Pat's own copy has no stamps until the server's arrive; it still reads as a valid note.
    expect(boardMaps(pat.doc).shapes.get('n1')!.has('createdBy')).toBe(false);
    expect(readShapes(pat.doc).records.map((s) => s.id)).toEqual(['n1']);
    await eventually(() => expect(boardMaps(wendy.doc).shapes.get('n1')?.get('createdBy')).toBe(pSession.userId));
    const note = boardMaps(wendy.doc).shapes.get('n1')!;
    expect(note.get('createdAt')).toBeGreaterThan(0);
    // Each stamp is the first and only entry of its key: nothing deleted before it (a Yjs map keeps
    // overwritten entries as deleted items, which every later open of the board decodes again).
    for (const key of ['createdBy', 'createdAt']) expect(note._map.get(key)?.left).toBeNull();
  });

  it('only a facilitator renames the board', async () => {
    const pat = await open(board.id, await join(server, board, 'participant', 'Pat'));
    const fay = await open(board.id, await join(server, board, 'facilitator', 'Fay'));
    boardMaps(pat.doc).meta.set('title', 'Pwned');
    await eventually(() => expect(readMeta(pat.doc).title).toBe('Policy board'));
    boardMaps(fay.doc).meta.set('title', 'Renamed by Fay');
    await eventually(() => expect(readMeta(pat.doc).title).toBe('Renamed by Fay'));
    const info = (await (await fetch(`${server.url}/api/boards/${board.id}`)).json()) as { title: string };
    expect(info.title).toBe('Renamed by Fay');
  });

  it('keeps a locked view’s diagram as it is for everyone, while notes stay editable', async () => {
    const { fay, fac, pat, patFac, patSession } = await facilitatorAndParticipant();
    addShape(fay.doc, { kind: 'process', id: 'p1', label: 'Pump', pos: { x: 10, y: 10 } });
    await eventually(() => expect(boardMaps(pat.doc).shapes.has('p1')).toBe(true));
    setLocked(fac.doc, 'main', true);
    // Pat's client sees the lock, so the server (which relayed it) applies it already.
    await eventually(() => expect(readFacilitation(patFac.doc).locks.has('main')).toBe(true));
    boardMaps(pat.doc).shapes.get('p1')!.set('pos', { x: 500, y: 500 });
    boardMaps(pat.doc).shapes.delete('p1');
    addShape(pat.doc, { kind: 'entity', id: 'e-new', label: 'Sneaky' });
    addShape(pat.doc, { kind: 'note', id: 'n-ok', text: 'notes are fine' });
    await eventually(() => expect(boardMaps(fay.doc).shapes.has('n-ok')).toBe(true));
    await eventually(() => {
      for (const d of [fay.doc, pat.doc]) {
        expect(boardMaps(d).shapes.get('p1')?.get('pos')).toEqual({ x: 10, y: 10 });
        expect(boardMaps(d).shapes.has('e-new')).toBe(false);
      }
    });
  });

  it('keeps a locked diagram shape where it is in the position log, takes out entries of no shape, lets notes move', async () => {
    const { fay, fac, pat, patFac, patSession } = await facilitatorAndParticipant();
    addShape(fay.doc, { kind: 'process', id: 'p1', label: 'Pump', pos: { x: 10, y: 10 } });
    addShape(fay.doc, { kind: 'note', id: 'n1', text: 'movable' });
    updateShape(fay.doc, 'p1', { pos: { x: 20, y: 20 } });
    await eventually(() => expect(readPositions(pat.doc).get('p1')).toEqual({ x: 20, y: 20 }));
    setLocked(fac.doc, 'main', true);
    await eventually(() => expect(readFacilitation(patFac.doc).locks.has('main')).toBe(true));
    const at = (d: Y.Doc, id: string) => (readShapes(d).records.find((s) => s.id === id) as { pos: unknown } | undefined)?.pos;

    // A move through the log (the old entry deleted, a new one appended), and the entry deleted alone.
    updateShape(pat.doc, 'p1', { pos: { x: 500, y: 500 } });
    updateShape(pat.doc, 'n1', { pos: { x: 300, y: 300 } });
    await eventually(() => expect(at(fay.doc, 'n1')).toEqual({ x: 300, y: 300 }));
    removePositions(pat.doc, new Set(['p1']));
    positionLog(pat.doc).push([['ghost', 1, 2]]);
    addShape(pat.doc, { kind: 'note', id: 'n-after', text: 'after' });
    await eventually(() => expect(boardMaps(fay.doc).shapes.has('n-after')).toBe(true));
    await eventually(() => {
      for (const d of [fay.doc, pat.doc]) {
        expect(at(d, 'p1')).toEqual({ x: 20, y: 20 });
        expect(at(d, 'n1')).toEqual({ x: 300, y: 300 });
        expect(positionLog(d).toArray().filter((e) => (e as unknown[])[0] === 'ghost')).toEqual([]);
      }
    });

    // A malformed entry never reaches the document: admission refuses the update.
    const bad = new Y.Doc();
    Y.applyUpdate(bad, Y.encodeStateAsUpdate(pat.doc));
    positionLog(bad).push([['n1', 'left', 0]]);
    expect(await sendRaw(board.id, patSession.token, Y.encodeStateAsUpdate(bad, Y.encodeStateVector(pat.doc)))).toBe(CloseCode.Refused);
    const map = new Y.Doc();
    map.getMap(POSITIONS_ROOT).set('n1', [1, 2]);
    expect(await sendRaw(board.id, patSession.token, Y.encodeStateAsUpdate(map))).toBe(CloseCode.Refused);
    expect(at(fay.doc, 'n1')).toEqual({ x: 300, y: 300 });
  });

  it('puts back a view a participant deletes, with its shapes; a facilitator may delete one', async () => {
    const fay = await open(board.id, await join(server, board, 'facilitator', 'Fay'));
    const pat = await open(board.id, await join(server, board, 'participant', 'Pat'));
    addView(fay.doc, { id: 'v2', title: 'Second' });
    addView(fay.doc, { id: 'v3', title: 'Third' });
    addShape(fay.doc, { kind: 'note', id: 'n-v2', view: 'v2', text: 'keep me' });
    addShape(fay.doc, { kind: 'process', id: 'p-v2', view: 'v2', label: 'Pump' });
    await eventually(() => expect(boardMaps(pat.doc).shapes.has('p-v2')).toBe(true));
    expect(deleteView(pat.doc, 'v2')).toBe(true);
    expect(boardMaps(pat.doc).views.has('v2')).toBe(false);
    await eventually(() => {
      for (const d of [fay.doc, pat.doc]) {
        expect(boardMaps(d).views.get('v2')?.get('title')).toBe('Second');
        expect(boardMaps(d).shapes.get('n-v2')?.get('text')).toBe('keep me');
        expect(boardMaps(d).shapes.get('p-v2')?.get('label')).toBe('Pump');
      }
    });
    // A participant still deletes shapes one by one; a facilitator deletes the view itself.
    boardMaps(pat.doc).shapes.delete('n-v2');
    expect(deleteView(fay.doc, 'v3')).toBe(true);
    await eventually(() => {
      for (const d of [fay.doc, pat.doc]) {
        expect(boardMaps(d).shapes.has('n-v2')).toBe(false);
        expect(boardMaps(d).views.has('v3')).toBe(false);
        expect(boardMaps(d).views.has('v2')).toBe(true);
      }
    });
  });

  it('lets a participant delete (undo) a view they made, stamped by the server, but not a view made by someone else', async () => {
    const fay = await open(board.id, await join(server, board, 'facilitator', 'Fay'));
    const patSession = await join(server, board, 'participant', 'Pat');
    const pat = await open(board.id, patSession);
    addView(fay.doc, { id: 'by-fay', title: 'Fay’s' });
    addView(pat.doc, { id: 'by-pat', title: 'Pat’s' });
    // The creator is the server's word, not the client's: a claimed createdBy is replaced.
    boardMaps(pat.doc).views.get('by-pat')?.set('createdBy', 'someone-else');
    await eventually(() => {
      expect(boardMaps(fay.doc).views.has('by-pat')).toBe(true);
      expect(boardMaps(pat.doc).views.has('by-fay')).toBe(true);
      expect(boardMaps(fay.doc).views.get('by-pat')?.get('createdBy')).toBe(patSession.userId);
      expect(boardMaps(pat.doc).views.get('by-pat')?.get('createdBy')).toBe(patSession.userId);
    });
    expect(deleteView(pat.doc, 'by-pat')).toBe(true);
    expect(deleteView(pat.doc, 'by-fay')).toBe(true);
    await eventually(() => {
      for (const d of [fay.doc, pat.doc]) {
        expect(boardMaps(d).views.has('by-pat')).toBe(false);
        expect(boardMaps(d).views.get('by-fay')?.get('title')).toBe('Fay’s');
      }
    });
  });

  it('lets no client write the server’s counters or vote results, and only open → closing', async () => {
    const fSession = await join(server, board, 'facilitator', 'Fay');
    const fac = await open(`${board.id}/facilitation`, fSession);
    const other = await open(`${board.id}/facilitation`, await join(server, board, 'participant', 'Pat'));
    const voteId = startVote(fac.doc, { scope: { kind: 'all' }, now: Date.now() });
    await eventually(() => expect(readFacilitation(other.doc).votes[0]?.status).toBe('open'));
    const vote = facilitationMaps(fac.doc).votes.get(voteId)!;
    vote.set('results', { tallies: { fake: 100 }, voters: 50, ignored: 0, closedAt: 1 });
    vote.set('status', 'closed');
    facilitationMaps(fac.doc).hidden.set('someone', { name: 'x', count: 99 });
    await eventually(() => expect(facilitationMaps(fac.doc).hidden.has('someone')).toBe(false));
    await eventually(() => expect(readFacilitation(fac.doc).votes[0]?.status).toBe('open'));
    expect(readFacilitation(other.doc).votes[0]?.results).toBeFalsy();
  });
});

describe('roles and presence', () => {
  it('drops a viewer’s writes to its own private document', async () => {
    const v = await join(server, board, 'viewer', 'Vic');
    const priv = await open(`${board.id}/private/${v.userId}`, v);
    priv.doc.getMap('notes').set(newId(), new Y.Map());
    const again = connectClient(server, `${board.id}/private/${v.userId}`, v.token, {});
    clients.push(again);
    await synced(again);
    expect(again.doc.getMap('notes').size).toBe(0);
  });

  it('relays no cursor or selection while a secret vote is open; selections name only board shapes', async () => {
    const fSession = await join(server, board, 'facilitator', 'Fay');
    const fac = await open(`${board.id}/facilitation`, fSession);
    const fay = await open(board.id, fSession);
    const pat = await open(board.id, await join(server, board, 'participant', 'Pat'));
    addShape(fay.doc, { kind: 'note', id: 'visible', text: 'on the board' });
    await eventually(() => expect(boardMaps(pat.doc).shapes.has('visible')).toBe(true));
    const patState = () => fay.provider.awareness.getStates().get(pat.doc.clientID) as Record<string, unknown> | undefined;
    const camera = { view: 'main', x: 10, y: 20, zoom: 1.5 };
    pat.provider.awareness.setLocalState({ cursor: { x: 5, y: 6, view: 'main' }, selection: ['visible', 'hidden-note-id'], camera, hand: 123, junk: 'x'.repeat(100) });
    await eventually(() => expect(patState()?.cursor).toEqual({ x: 5, y: 6, view: 'main' }));
    expect(patState()?.selection).toEqual(['visible']);
    // Every field the client publishes survives, whole (the camera's view is what "Follow" needs); unknown keys do not.
    expect(patState()?.camera).toEqual(camera);
    expect(patState()?.hand).toBe(123);
    expect(patState()?.junk).toBeUndefined();
    startVote(fac.doc, { scope: { kind: 'all' }, now: Date.now() });
    await eventually(() => expect(patState()?.cursor).toBeNull());
    pat.provider.awareness.setLocalState({ cursor: { x: 50, y: 60, view: 'main' }, selection: ['visible'], view: 'second' });
    // The rest of the state still travels (the view), never the cursor or the selection.
    await eventually(() => expect(patState()?.view).toBe('second'));
    expect(patState()?.cursor).toBeNull();
    expect(patState()?.selection).toEqual([]);
  });

  it('refuses a presence frame that speaks for thousands of clients', async () => {
    const p = await join(server, board, 'participant', 'Pat');
    const { ws } = await rawConnect(`${server.url.replace('http', 'ws')}/sync/${board.id}?token=${encodeURIComponent(p.token)}`);
    const closed = new Promise<number>((resolve) => ws!.on('close', (code) => resolve(code)));
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.Awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 20_000);
    for (let i = 1; i <= 20_000; i++) {
      encoding.writeVarUint(inner, i);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(inner, '{}');
    }
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
    ws!.send(encoding.toUint8Array(enc));
    expect(await closed).toBe(CloseCode.Refused);
  });
});
