import { statSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parse as parseCsv } from 'csv-parse/sync';
import { addShape, addView, boardMaps, newId, readMeta, readShapes, setTitle, updateShape } from '../../shared/model/board-doc';
import {
  addHiddenNote,
  castDot,
  privateMaps,
  readFacilitation,
  requestCloseVote,
  setLocked,
  startBrainstorm,
  startVote,
  stopBrainstorm,
} from '../../shared/facilitation/doc';
import { CloseCode, MessageType } from '../../shared/protocol';
import type { CreateBoardResponse } from '../../shared/api';
import {
  answeredOrClosed,
  awarenessFrame,
  closeCodeOf,
  contentJsonUpdate,
  deepJsonArray,
  deepMapChainUpdate,
  EXPORT_FORMATS,
  eventually,
  Harness,
  pendingValueUpdate,
  presenceOf,
  stillSyncs,
  syncStep1Frame,
  updateFrame,
  updateOf,
} from './harness';

/**
 * One test per finding of issue 8 ("What was found", 1–8), each written against the behaviour the fixes
 * promise: refused updates close the socket with a named code and change nothing, server-owned facts are
 * put back before anyone sees them, readers skip junk, and no one client can make the server do unbounded work.
 * The server runs in a child process: a crash is a dead process and a failed assertion, not a dead runner.
 */

let h: Harness;
let board: CreateBoardResponse;
const everyStatus200 = Object.fromEntries(EXPORT_FORMATS.map((f) => [f, 200]));

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.stop());
afterEach(async () => {
  h.closeClients();
  // A finding that crashed the server must not fail every later test too.
  if (!h.alive) await h.proc.start();
});

async function freshBoard(): Promise<CreateBoardResponse> {
  board = await h.board('Regression board');
  return board;
}

/** Poll `check` while insisting the server is still running; a crash is reported as such. */
function whileAlive(check: () => void | Promise<void>, timeoutMs = 8000): Promise<void> {
  return eventually(async () => {
    if (!h.alive) throw new Error('the server process died');
    await check();
  }, timeoutMs);
}

/** Everything a board must still do after junk got near it. */
async function boardStillWorks(b: CreateBoardResponse): Promise<void> {
  expect(h.alive, 'server process alive').toBe(true);
  await stillSyncs(h, await h.board('Bystander board'));
  const fay = await h.join(b, 'facilitator', 'Fay');
  expect(await h.exportStatuses(b.id, fay.token)).toEqual(everyStatus200);
  const c = await h.open(b.id, fay.token);
  const t = addShape(c.doc, { kind: 'threat', id: newId(), view: 'main', stride: 'D', title: 'Numbered after the junk' });
  await whileAlive(() => expect(boardMaps(c.doc).shapes.get(t.id)?.get('num')).toBeGreaterThan(0));
}

describe('1. process crash from document content', () => {
  it('a string where a ballot map belongs (in a private document) is refused, and counting goes on', async () => {
    const b = await freshBoard();
    const fay = await h.person(b, 'facilitator', 'Fay');
    const pat = await h.person(b, 'participant', 'Pat');
    const threat = addShape(fay.board.doc, { kind: 'threat', id: newId(), view: 'main', title: 'Bolus replay' });
    const voteId = startVote(fay.fac.doc, { scope: { kind: 'all' }, now: Date.now() });
    await eventually(() => expect(readFacilitation(pat.fac.doc).votes[0]?.status).toBe('open'));
    // A tampered client writes a string as its ballot: a record root holds only records, so the update is refused.
    const sock = await h.raw(`${b.id}/private/${pat.session.userId}`, pat.session.token);
    sock.send(updateFrame(updateOf(new Y.Doc(), (d) => privateMaps(d).ballots.set(voteId, 'junk' as unknown as Y.Map<number>))));
    expect(await closeCodeOf(sock)).toBe(CloseCode.Refused);
    // Something the server does right after reading the private document: count its hidden notes.
    addHiddenNote(pat.priv.doc, { kind: 'note', id: newId(), view: 'main', text: 'mine' });
    castDot(pat.priv.doc, voteId, threat.id, 1);
    await whileAlive(() => expect(readFacilitation(fay.fac.doc).hidden[pat.session.userId]?.count).toBe(1));
    requestCloseVote(fay.fac.doc, voteId);
    await whileAlive(() => expect(readFacilitation(fay.fac.doc).votes[0]?.status).toBe('closed'));
    expect(readFacilitation(fay.fac.doc).votes[0]?.results?.tallies[threat.id] ?? 0).toBe(1);
    await h.restart();
    const again = await h.join(b, 'facilitator', 'Fay again');
    await h.open(`${b.id}/facilitation`, again.token);
    await boardStillWorks(b);
  });

  it('plain values where records belong (shapes, mitigations, views) are skipped, not fatal', async () => {
    const b = await freshBoard();
    const pat = await h.person(b, 'participant', 'Pat');
    const { shapes, mitigations, views, comments } = boardMaps(pat.board.doc);
    pat.board.doc.transact(() => {
      mitigations.set('m-junk', 5 as unknown as Y.Map<unknown>);
      shapes.set('s-junk', 'junk' as unknown as Y.Map<unknown>);
      views.set('v-junk', [1, 2] as unknown as Y.Map<unknown>);
      comments.set('c-junk', null as unknown as Y.Map<unknown>);
    });
    await boardStillWorks(b);
    await h.restart();
    await boardStillWorks(b);
  });
});

describe('2. a ContentJSON bomb', () => {
  it('is refused with Refused (4422), and the board keeps relaying and storing edits', async () => {
    const b = await freshBoard();
    const pat = await h.join(b, 'participant', 'Mallory');
    const sock = await h.raw(b.id, pat.token);
    sock.send(updateFrame(contentJsonUpdate(424242, 'shapes', 'bomb', deepJsonArray(20_000))));
    expect(await closeCodeOf(sock)).toBe(CloseCode.Refused);
    await whileAlive(() => stillSyncs(h, b));
    await h.restart();
    const fay = await h.join(b, 'facilitator', 'Fay');
    const c = await h.open(b.id, fay.token);
    expect(boardMaps(c.doc).shapes.has('bomb')).toBe(false);
  });
});

describe('3. deeply nested records', () => {
  it('a chain of 4,000 Y.Maps in shapes is refused (4422); every export still answers 200', async () => {
    const b = await freshBoard();
    const pat = await h.join(b, 'participant', 'Mallory');
    const sock = await h.raw(b.id, pat.token);
    sock.send(updateFrame(deepMapChainUpdate(new Y.Doc(), 'shapes', 'deep', 4000)));
    expect(await closeCodeOf(sock)).toBe(CloseCode.Refused);
    await boardStillWorks(b);
  });
});

describe('4. server-owned facts', () => {
  it('a participant’s forged threat number, vote count and author are put back before anyone sees them', async () => {
    const b = await freshBoard();
    const fay = await h.person(b, 'facilitator', 'Fay');
    const mal = await h.person(b, 'participant', 'Mallory');
    const obs = await h.person(b, 'participant', 'Olive');
    const t = addShape(fay.board.doc, { kind: 'threat', id: newId(), view: 'main', title: 'Honest threat' });
    await eventually(() => expect(boardMaps(obs.board.doc).shapes.get(t.id)?.get('num')).toBe(1));
    let forgedSeen = false;
    boardMaps(obs.board.doc).shapes.observeDeep(() => {
      const m = boardMaps(obs.board.doc).shapes.get(t.id);
      if (m?.get('num') === 99 || m?.get('votes') === 1000 || m?.get('createdBy') === 'forged') forgedSeen = true;
    });
    const m = boardMaps(mal.board.doc).shapes.get(t.id)!;
    mal.board.doc.transact(() => {
      m.set('num', 99);
      m.set('votes', 1000);
      m.set('createdBy', 'forged');
    });
    updateShape(mal.board.doc, t.id, { title: 'Edited after the forgery' });
    await eventually(() => expect(boardMaps(obs.board.doc).shapes.get(t.id)?.get('title')).toBe('Edited after the forgery'));
    expect(forgedSeen, 'another participant saw a forged value').toBe(false);
    // The forger's own copy is corrected, so nobody diverges silently.
    // (A field the record had left out at its default, like `votes`, is taken out again: it reads as 0.)
    await eventually(() => expect(readShapes(mal.board.doc).records.find((s) => s.id === t.id)).toMatchObject({ num: 1, votes: 0, title: 'Edited after the forgery' }));
    expect(boardMaps(mal.board.doc).shapes.get(t.id)?.get('votes') ?? 0).toBe(0);
    const csv = await (await fetch(`${h.url}/api/boards/${b.id}/export?format=csv`, { headers: { authorization: `Bearer ${fay.session.token}` } })).text();
    expect(csv).not.toContain('T-99');
  });

  it('a title struct held pending until the facilitator’s next rename does not become the title', async () => {
    const b = await freshBoard();
    const fay = await h.person(b, 'facilitator', 'Fay');
    const obs = await h.person(b, 'participant', 'Olive');
    const mal = await h.join(b, 'participant', 'Mallory');
    const titles = new Set<string>();
    boardMaps(obs.board.doc).meta.observe(() => titles.add(readMeta(obs.board.doc).title));
    const sock = await h.raw(b.id, mal.token);
    // Its left origin is the struct the facilitator's next write will have.
    const next = { client: fay.board.doc.clientID, clock: Y.getState(fay.board.doc.store, fay.board.doc.clientID) };
    sock.send(updateFrame(pendingValueUpdate(777_777, next, 'Hacked by Mallory')));
    sock.send(syncStep1Frame());
    await answeredOrClosed(sock);
    setTitle(fay.board.doc, 'Renamed by Fay');
    await eventually(() => expect(readMeta(obs.board.doc).title).toBe('Renamed by Fay'));
    await eventually(() => expect(readMeta(fay.board.doc).title).toBe('Renamed by Fay'));
    expect([...titles]).not.toContain('Hacked by Mallory');
  });
});

describe('5. roles through private documents', () => {
  it('a viewer’s hidden note is not revealed and its ballot is not counted', async () => {
    const b = await freshBoard();
    const fay = await h.person(b, 'facilitator', 'Fay');
    const pat = await h.person(b, 'participant', 'Pat');
    const vic = await h.join(b, 'viewer', 'Vic');
    const t = addShape(fay.board.doc, { kind: 'threat', id: newId(), view: 'main', title: 'Candidate' });
    const voteId = startVote(fay.fac.doc, { scope: { kind: 'all' }, now: Date.now() });
    startBrainstorm(fay.fac.doc, 'main', Date.now());
    await eventually(() => expect(readFacilitation(pat.fac.doc).votes[0]?.status).toBe('open'));
    // The viewer writes a hidden note and a ballot into its own private document, if it may open it at all.
    const sock = await h.tryRaw(`${b.id}/private/${vic.userId}`, vic.token);
    if (sock) {
      const forged = updateOf(new Y.Doc(), (d) => {
        addHiddenNote(d, { kind: 'note', id: newId(), view: 'main', text: 'Written by a viewer' });
        castDot(d, voteId, t.id, 1);
      });
      sock.send(updateFrame(forged));
      sock.send(syncStep1Frame());
      await answeredOrClosed(sock);
    }
    addHiddenNote(pat.priv.doc, { kind: 'note', id: newId(), view: 'main', text: 'Written by a participant' });
    castDot(pat.priv.doc, voteId, t.id, 1);
    await eventually(() => expect(readFacilitation(fay.fac.doc).hidden[pat.session.userId]?.count).toBe(1));
    stopBrainstorm(fay.fac.doc);
    const texts = () => readShapes(fay.board.doc).records.map((s) => (s.kind === 'note' ? s.text : ''));
    await whileAlive(() => expect(texts()).toContain('Written by a participant'));
    expect(texts()).not.toContain('Written by a viewer');
    requestCloseVote(fay.fac.doc, voteId);
    await whileAlive(() => expect(readFacilitation(fay.fac.doc).votes[0]?.status).toBe('closed'));
    expect(readFacilitation(fay.fac.doc).votes[0]?.results).toMatchObject({ voters: 1, tallies: { [t.id]: 1 } });
  });

  it('a hidden note’s id stays out of presence, and reveal never drops a note whose id someone took', async () => {
    const b = await freshBoard();
    const fay = await h.person(b, 'facilitator', 'Fay');
    const ada = await h.person(b, 'participant', 'Ada');
    const mal = await h.person(b, 'participant', 'Mallory');
    startBrainstorm(fay.fac.doc, 'main', Date.now());
    const hidden = addHiddenNote(ada.priv.doc, { kind: 'note', id: newId(), view: 'main', text: 'Ada’s secret idea' });
    ada.board.provider.awareness.setLocalStateField('selection', [hidden.id]);
    ada.board.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20, view: 'main' });
    const adaSeen = () => presenceOf(mal.board, ada.session.userId);
    await eventually(() => expect(adaSeen()).toBeDefined());
    expect(adaSeen()?.selection ?? []).not.toContain(hidden.id);

    // Mallory puts a note of their own under the hidden note's id on the board.
    addShape(mal.board.doc, { kind: 'note', id: hidden.id, view: 'main', text: 'Mallory’s text' });
    await eventually(() => expect(boardMaps(fay.board.doc).shapes.has(hidden.id)).toBe(true));
    stopBrainstorm(fay.fac.doc);
    await whileAlive(() => {
      const adas = readShapes(fay.board.doc).records.filter((s) => s.kind === 'note' && s.text === 'Ada’s secret idea');
      expect(adas).toHaveLength(1);
      expect(adas[0]!.createdBy).toBe(ada.session.userId);
    });
    const mals = readShapes(fay.board.doc).records.filter((s) => s.kind === 'note' && s.text === 'Mallory’s text');
    expect(mals.every((s) => s.createdBy !== ada.session.userId)).toBe(true);
  });
});

describe('6. unbounded cost', () => {
  it('one awareness frame with 20,000 client ids reaches others as at most a handful of entries', async () => {
    const b = await freshBoard();
    const seen: Uint8Array[] = [];
    const obs = await h.join(b, 'participant', 'Olive');
    const olive = await h.open(b.id, obs.token, seen);
    const mal = await h.join(b, 'participant', 'Mallory');
    const sock = await h.raw(b.id, mal.token);
    const entries = Array.from({ length: 20_000 }, (_, i): [number, number, string] => [1_000_000 + i, 1, '{"cursor":null,"selection":[]}']);
    sock.send(awarenessFrame(entries));
    sock.send(syncStep1Frame());
    await answeredOrClosed(sock);
    // A legitimate presence change after the attack: once it arrives, the attack's relay has too.
    const pat = await h.join(b, 'participant', 'Pat');
    const patC = await h.open(b.id, pat.token);
    patC.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1, view: 'main' });
    await whileAlive(() => expect(presenceOf(olive, pat.userId)).toBeDefined());
    expect(olive.provider.awareness.getStates().size).toBeLessThanOrEqual(2 + 4);
    const bytes = seen.filter((f) => f[0] === MessageType.Awareness).reduce((n, f) => n + f.byteLength, 0);
    expect(bytes).toBeLessThan(100_000);
  });

  it('a flood of 1-byte query-awareness frames is not answered in full each time', async () => {
    const b = await freshBoard();
    for (const name of ['A', 'B', 'C']) (await h.open(b.id, (await h.join(b, 'participant', name)).token)).provider.awareness.setLocalStateField('cursor', null);
    const mal = await h.join(b, 'participant', 'Mallory');
    const sock = await h.raw(b.id, mal.token);
    for (let i = 0; i < 1000; i++) sock.send(Uint8Array.of(MessageType.QueryAwareness));
    sock.send(syncStep1Frame());
    await answeredOrClosed(sock);
    const answers = sock.received.filter((f) => f[0] === MessageType.Awareness).length;
    expect(answers).toBeLessThan(100);
  });

  it('2,000 updates in one burst close the socket with RateLimited (4429)', async () => {
    const b = await freshBoard();
    const mal = await h.join(b, 'participant', 'Mallory');
    const sock = await h.raw(b.id, mal.token);
    const local = new Y.Doc();
    for (let i = 0; i < 2000; i++) sock.send(updateFrame(updateOf(local, (d) => addShape(d, { kind: 'note', id: `n${i}-${newId()}`, view: 'main', text: String(i) }))));
    expect(await closeCodeOf(sock, 10_000)).toBe(CloseCode.RateLimited);
    await boardStillWorks(b);
  });

  it('updates from 40 new client ids on one connection close it with Refused (4422)', async () => {
    const b = await freshBoard();
    const mal = await h.join(b, 'participant', 'Mallory');
    const sock = await h.raw(b.id, mal.token);
    for (let i = 0; i < 40; i++) sock.send(updateFrame(updateOf(new Y.Doc(), (d) => addShape(d, { kind: 'note', id: newId(), view: 'main', text: `client ${i}` }))));
    expect(await closeCodeOf(sock)).toBe(CloseCode.Refused);
  });

  it('a document over its size quota closes the writer with QuotaExceeded (4413)', async () => {
    const small = await Harness.start({ MAX_DOC_BYTES: String(64 * 1024) });
    try {
      const b = await small.board('Quota');
      const pat = await small.join(b, 'participant', 'Pat');
      // Ten notes of 10,000 characters are more than 64 KiB.
      const sock = await small.raw(b.id, pat.token);
      const local = new Y.Doc();
      for (let i = 0; i < 10; i++) sock.send(updateFrame(updateOf(local, (d) => addShape(d, { kind: 'note', id: newId(), view: 'main', text: 'x'.repeat(10_000) }))));
      expect(await closeCodeOf(sock)).toBe(CloseCode.QuotaExceeded);
    } finally {
      await small.stop();
    }
  });

  it('board creation and join are rate-limited per address: 429 with Retry-After', async () => {
    const small = await Harness.start({ RATE_CREATE_PER_MIN: '5', RATE_JOIN_PER_MIN: '8' });
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${small.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const created: Response[] = [];
      for (let i = 0; i < 8; i++) created.push(await post('/boards', { title: `B${i}` }));
      const limited = created.find((r) => r.status === 429);
      expect(limited, 'a 429 among 8 creations with a limit of 5 a minute').toBeDefined();
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      const first = (await created[0]!.json()) as CreateBoardResponse;
      const joins: number[] = [];
      for (let i = 0; i < 12; i++) joins.push((await post(`/boards/${first.id}/join`, { invite: first.invites.participant, name: `P${i}` })).status);
      expect(joins).toContain(429);
    } finally {
      await small.stop();
    }
  });
});

describe('7. ballot secrecy and locks', () => {
  it('while a vote is open, no voter’s cursor or selection is relayed', async () => {
    const b = await freshBoard();
    const fay = await h.person(b, 'facilitator', 'Fay');
    const ada = await h.person(b, 'participant', 'Ada');
    const bo = await h.person(b, 'participant', 'Bo');
    const t = addShape(fay.board.doc, { kind: 'threat', id: newId(), view: 'main', title: 'Candidate' });
    startVote(fay.fac.doc, { scope: { kind: 'all' }, now: Date.now() });
    await eventually(() => expect(readFacilitation(ada.fac.doc).votes[0]?.status).toBe('open'));
    ada.board.provider.awareness.setLocalStateField('selection', [t.id]);
    ada.board.provider.awareness.setLocalStateField('cursor', { x: 321, y: 123, view: 'main' });
    for (const watcher of [bo, fay]) {
      const adaSeen = () => presenceOf(watcher.board, ada.session.userId);
      await eventually(() => expect(adaSeen()).toBeDefined());
      expect(adaSeen()?.cursor ?? null).toBeNull();
      expect(adaSeen()?.selection ?? []).toEqual([]);
    }
  });

  it('a participant’s move of a shape in a locked view is put back by the server', async () => {
    const b = await freshBoard();
    const fay = await h.person(b, 'facilitator', 'Fay');
    const mal = await h.person(b, 'participant', 'Mallory');
    const obs = await h.person(b, 'participant', 'Olive');
    const locked = addShape(fay.board.doc, { kind: 'process', id: newId(), view: 'main', label: 'Pump firmware', pos: { x: 100, y: 100 } });
    const other = addView(fay.board.doc, { id: newId(), title: 'Open view' });
    const free = addShape(fay.board.doc, { kind: 'note', id: newId(), view: other.id, text: 'free' });
    setLocked(fay.fac.doc, 'main', true);
    await eventually(() => expect(readFacilitation(mal.fac.doc).locks.has('main')).toBe(true));
    await eventually(() => expect(boardMaps(obs.board.doc).shapes.has(free.id)).toBe(true));
    let movedSeen = false;
    boardMaps(obs.board.doc).shapes.observeDeep(() => {
      const pos = boardMaps(obs.board.doc).shapes.get(locked.id)?.get('pos') as { x: number } | undefined;
      if (pos?.x !== 100) movedSeen = true;
    });
    // A tampered client ignores the lock (the UI would not let it).
    boardMaps(mal.board.doc).shapes.get(locked.id)!.set('pos', { x: 900, y: 900 });
    updateShape(mal.board.doc, free.id, { text: 'sentinel' });
    await eventually(() => expect(boardMaps(obs.board.doc).shapes.get(free.id)?.get('text')).toBe('sentinel'));
    expect(movedSeen, 'another participant saw the locked shape move').toBe(false);
    await eventually(() => expect(boardMaps(mal.board.doc).shapes.get(locked.id)?.get('pos')).toEqual({ x: 100, y: 100 }));
  });
});

describe('8. smaller findings', () => {
  it('the data directory is 0700 and the database 0600', () => {
    expect(statSync(h.proc.dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(pathJoin(h.proc.dataDir, 'threatboard.db')).mode & 0o777).toBe(0o600);
  });

  it('a CSV cell with a formula after leading whitespace is neutralised', async () => {
    const b = await freshBoard();
    const pat = await h.person(b, 'participant', 'Pat');
    const t = addShape(pat.board.doc, { kind: 'threat', id: newId(), view: 'main', title: ' =1+1' });
    await eventually(() => expect(boardMaps(pat.board.doc).shapes.get(t.id)?.get('num')).toBe(1));
    const res = await fetch(`${h.url}/api/boards/${b.id}/export?format=csv`, { headers: { authorization: `Bearer ${pat.session.token}` } });
    const rows = parseCsv(await res.text(), { bom: true }) as string[][];
    const cells = rows.flat();
    expect(cells.some((c) => c.includes('=1+1'))).toBe(true);
    expect(cells.filter((c) => /^[\s\u0000-\u001f]*[=+\-@]/.test(c))).toEqual([]);
  });

  it('display names lose bidi overrides and zero-width characters', async () => {
    const b = await freshBoard();
    const res = await fetch(`${h.url}/api/boards/${b.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ invite: b.invites.participant, name: 'Mal\u202Eexe.gnp\u200B\u2066lory' }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const session = (await (await fetch(`${h.url}/api/boards/${b.id}/session`, { headers: { authorization: `Bearer ${token}` } })).json()) as { name: string };
    expect(session.name).toBe('Malexe.gnplory');
  });

  it('a socket whose token expires is closed with Unauthorized (4401)', async () => {
    // About three seconds of validity.
    const brief = await Harness.start({ TOKEN_TTL_DAYS: String(3 / 86_400) });
    try {
      const b2 = await brief.board('Short-lived tokens');
      const pat = await brief.join(b2, 'participant', 'Pat');
      const sock = await brief.raw(b2.id, pat.token);
      expect(await closeCodeOf(sock, 10_000)).toBe(CloseCode.Unauthorized);
    } finally {
      await brief.stop();
    }
  });
});
