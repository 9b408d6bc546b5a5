import * as Y from 'yjs';
import { POSITIONS_ROOT } from '../../shared/model/positions';
import * as prng from 'lib0/prng';
import { expect } from 'vitest';
import type { BoardShapes, CreateBoardResponse, JoinResponse } from '../../shared/api';
import { readList } from '../../client/sync/first-paint';
import { addShape, boardMaps, newId, readShapes } from '../../shared/model/board-doc';
import {
  addGroup,
  addHiddenNote,
  castDot,
  readFacilitation,
  requestCloseVote,
  startBrainstorm,
  startVote,
  stopBrainstorm,
} from '../../shared/facilitation/doc';
import type { Role } from '../../shared/roles';
import {
  answeredOrClosed,
  contentJsonUpdate,
  deepJsonArray,
  EXPORT_FORMATS,
  eventually,
  stateOver,
  stillSyncs,
  syncStep1Frame,
  updateFrame,
  type Harness,
} from './harness';

/**
 * Seeded document fuzzing: people of every role write random junk of every Yjs type into every map and record
 * of every document of a board (board, facilitation, their private document), and afterwards the board must
 * still do everything a workshop needs. The same seed always writes the same junk, so a failure is replayed
 * by running that seed again.
 */

type Gen = prng.PRNG;
type DocKind = 'board' | 'facilitation' | 'private';

const ROOTS: Record<DocKind, string[]> = {
  board: ['meta', 'views', 'shapes', 'mitigations', 'assumptions', 'comments', 'people'],
  facilitation: ['agenda', 'state', 'locks', 'groups', 'votes', 'hidden', 'voted', 'handsLowered'],
  private: ['notes', 'ballots'],
};

/** Field names the readers care about, server-owned ones among them. */
const FIELDS = [
  'id', 'kind', 'v', 'view', 'z', 'pos', 'size', 'text', 'title', 'label', 'num', 'votes', 'createdBy', 'createdAt',
  'updatedBy', 'updatedAt',
  'elements', 'mitigations', 'status', 'results', 'scope', 'budget', 'order', 'members', 'count', 'name', 'stride',
  'from', 'to', 'fromPt', 'toPt', 'timer', 'brainstorm', 'revealSeq', 'focus', 'phase', '__proto__', 'constructor',
];

const int = (gen: Gen, min: number, max: number) => prng.int32(gen, min, max);
const chance = (gen: Gen, p: number) => prng.real53(gen) < p;

/** A plain value that JSON (or Yjs' ContentAny) can hold, of a random wrong kind. */
function junkPlain(gen: Gen, depth = 0): unknown {
  switch (int(gen, 0, depth > 3 ? 6 : 10)) {
    case 0:
      return prng.oneOf(gen, [0, -1, 1.5, 2 ** 53, -(2 ** 31), Number.NaN, Number.POSITIVE_INFINITY, -0]);
    case 1:
      return prng.word(gen, 0, 20);
    case 2:
      return prng.bool(gen);
    case 3:
      return null;
    case 4:
      return prng.utf16String(gen, 40);
    case 5:
      return prng.oneOf(gen, ['threat', 'note', 'open', 'closing', 'closed', 'main', '=1+1', ' @SUM(A1)', '\u202Eevil']);
    case 6:
      return int(gen, 0, 1_000_000);
    case 7:
      return Array.from({ length: int(gen, 0, 4) }, () => junkPlain(gen, depth + 1));
    case 8: {
      const o: Record<string, unknown> = {};
      for (let i = int(gen, 0, 4); i > 0; i--) o[prng.oneOf(gen, FIELDS)] = junkPlain(gen, depth + 1);
      return o;
    }
    case 9: {
      // Nested deeper than any record needs.
      let v: unknown = prng.word(gen);
      for (let i = int(gen, 9, chance(gen, 0.2) ? 2000 : 40); i > 0; i--) v = [v];
      return v;
    }
    default:
      return 'x'.repeat(int(gen, 20_001, 60_000));
  }
}

/** A Yjs type (or content kind) the model never uses where a record or value belongs. */
function junkType(gen: Gen): unknown {
  switch (int(gen, 0, 8)) {
    case 0: {
      const m = new Y.Map<unknown>();
      for (let i = int(gen, 0, 4); i > 0; i--) m.set(prng.oneOf(gen, FIELDS), junkPlain(gen));
      return m;
    }
    case 1:
      return Y.Array.from([junkPlain(gen), junkPlain(gen)] as never[]);
    case 2: {
      const t = new Y.Text(prng.word(gen, 1, 30));
      return t;
    }
    case 3: {
      const x = new Y.XmlElement('script');
      x.insert(0, [new Y.XmlText('alert(1)')]);
      return x;
    }
    case 4:
      return new Y.XmlFragment();
    case 5:
      return prng.uint8Array(gen, int(gen, 0, 64));
    case 6:
      return new Y.Doc();
    case 7: {
      // A record map holding a map holding a map: types below records.
      const m = new Y.Map<unknown>();
      const inner = new Y.Map<unknown>();
      inner.set('c', new Y.Map());
      m.set(prng.oneOf(gen, FIELDS), inner);
      return m;
    }
    default:
      return Y.Array.from([new Y.Map(), new Y.Text('t')]);
  }
}

function junk(gen: Gen): unknown {
  return chance(gen, 0.5) ? junkPlain(gen) : junkType(gen);
}

/** A value an attacker would forge for a server-owned field. */
function forged(gen: Gen, field: string): unknown {
  switch (field) {
    case 'num':
      return prng.oneOf(gen, [1, 99, 0, -5, 1e9]);
    case 'votes':
      return prng.oneOf(gen, [1000, -1, 3]);
    case 'createdBy':
    case 'updatedBy':
      return prng.oneOf(gen, ['facilitator-id', 'someone-else', '']);
    case 'createdAt':
    case 'updatedAt':
      return prng.oneOf(gen, [0, 1, 4_102_444_800_000]);
    default:
      return junkPlain(gen);
  }
}

/** One random change to `doc`, somewhere among the roots of its kind (or a root it does not have). */
function mutateOnce(doc: Y.Doc, kind: DocKind, gen: Gen): void {
  const roots = ROOTS[kind];
  const what = int(gen, 0, 9);
  if (what === 0) {
    // A root the document does not have, of some other type.
    const name = prng.oneOf(gen, ['evil', 'shapes2', 'meta ', '__proto__']);
    if (chance(gen, 0.5)) doc.getMap(name).set(prng.word(gen, 1, 8), junk(gen));
    else doc.getText(`${name}-text`).insert(0, prng.word(gen, 1, 20));
    return;
  }
  if (kind === 'board' && what === 9 && chance(gen, 0.5)) return mutateLog(doc, gen);
  const root = doc.getMap<unknown>(prng.oneOf(gen, roots));
  const keys = [...root.keys()];
  const existing = keys.length ? prng.oneOf(gen, keys) : null;
  const record = existing === null ? undefined : root.get(existing);
  if (what === 1 && existing !== null) return void root.delete(existing);
  if (what === 2) {
    // A chain of Y.Maps, built iteratively: deep enough to overflow recursive readers now and then.
    let cur = new Y.Map<unknown>();
    root.set(existing ?? newId(), cur);
    for (let i = int(gen, 5, chance(gen, 0.3) ? 3000 : 50); i > 0; i--) {
      const next = new Y.Map<unknown>();
      cur.set('c', next);
      cur = next;
    }
    return;
  }
  if (what <= 5 && record instanceof Y.Map) {
    const field = prng.oneOf(gen, FIELDS);
    return void record.set(field, chance(gen, 0.4) ? forged(gen, field) : junk(gen));
  }
  if (what === 6 && record instanceof Y.Map) {
    // A record replaced by a plain copy of itself (the right data, the wrong type).
    return void root.set(existing!, { ...(record.toJSON() as object), [prng.oneOf(gen, FIELDS)]: junkPlain(gen) });
  }
  root.set(chance(gen, 0.5) && existing !== null ? existing : prng.oneOf(gen, [newId(), 'main', '', 'x'.repeat(300)]), junk(gen));
}

/**
 * A change to the board's position log (shared/model/positions.ts): moves of real shapes (locked ones
 * too), entries of shapes that do not exist, far-away or duplicate entries, deleted runs, and now and then
 * a malformed entry (which admission refuses with the whole update).
 */
function mutateLog(doc: Y.Doc, gen: Gen): void {
  const log = doc.getArray<unknown>(POSITIONS_ROOT);
  const ids = [...doc.getMap('shapes').keys()];
  const id = () => (ids.length && chance(gen, 0.8) ? prng.oneOf(gen, ids) : prng.oneOf(gen, [newId(), '', 'x'.repeat(65), '__proto__']));
  const coord = () => (chance(gen, 0.1) ? prng.oneOf(gen, [1e308, -1e308, 2 ** 53, -0]) : int(gen, -5000, 5000));
  const r = int(gen, 0, 9);
  if (r <= 2 && log.length) {
    const at = int(gen, 0, log.length - 1);
    log.delete(at, int(gen, 1, Math.min(20, log.length - at)));
  } else if (r === 9) log.push([junk(gen)]);
  else {
    const entries = Array.from({ length: int(gen, 1, 60) }, () => [id(), coord(), coord()]);
    log.insert(chance(gen, 0.8) ? log.length : int(gen, 0, log.length), entries);
  }
}

export interface Person {
  role: Role;
  session: JoinResponse;
}

/**
 * One person writes `ops` random changes to one document over a raw socket (on top of the server's state,
 * fetched over the same socket, so the changes hit real records), and waits until the server has handled
 * them: it answered a sync step 1 sent afterwards, or closed the socket.
 */
async function writeJunk(h: Harness, board: CreateBoardResponse, who: Person, kind: DocKind, gen: Gen, ops: number): Promise<void> {
  const room = kind === 'board' ? board.id : kind === 'facilitation' ? `${board.id}/facilitation` : `${board.id}/private/${who.session.userId}`;
  // A role that may not even open the document is refused at the upgrade: nothing to write into.
  const sock = await h.tryRaw(room, who.session.token);
  if (!sock) return;
  const state = await stateOver(sock);
  if (!state) return;
  const local = new Y.Doc();
  Y.applyUpdate(local, state);
  const before = Y.encodeStateVector(local);
  for (let i = 0; i < ops; i++) {
    try {
      local.transact(() => mutateOnce(local, kind, gen));
    } catch {
      // Yjs refuses some combinations locally (e.g. a type already integrated elsewhere): skip that one.
    }
  }
  sock.send(updateFrame(Y.encodeStateAsUpdate(local, before)));
  if (chance(gen, 0.3)) {
    // ContentJSON, which no current client writes, hand-encoded: sometimes harmless, sometimes a bomb.
    const json = chance(gen, 0.5) ? deepJsonArray(int(gen, 10, 20_000)) : JSON.stringify(junkPlain(gen));
    sock.send(updateFrame(contentJsonUpdate(prng.uint32(gen, 1, 2 ** 31), prng.oneOf(gen, ROOTS[kind]), newId(), json)));
  }
  sock.send(syncStep1Frame());
  await answeredOrClosed(sock);
  sock.ws.terminate();
  local.destroy();
}

/** A board with records in every map: a template, a vote, a group, hidden notes and a ballot. */
export async function seededBoard(h: Harness, gen: Gen): Promise<{ board: CreateBoardResponse; people: Person[] }> {
  const board = await h.board('Fuzzed board', prng.oneOf(gen, ['ankle-monitor', 'imaging-system', 'therapy-boot']));
  const people: Person[] = [];
  for (const role of ['facilitator', 'participant', 'viewer'] as const) people.push({ role, session: await h.join(board, role, `${role} fuzzer`) });
  const fay = await h.person(board, 'facilitator', 'Fay');
  const pat = await h.person(board, 'participant', 'Pat');
  addGroup(fay.fac.doc, 'Group A', 'main');
  const threat = readShapes(fay.board.doc).records.find((s) => s.kind === 'threat');
  const voteId = startVote(fay.fac.doc, { scope: { kind: 'all' }, now: Date.now() });
  startBrainstorm(fay.fac.doc, 'main', Date.now());
  await eventually(() => expect(readFacilitation(pat.fac.doc).votes.some((v) => v.id === voteId)).toBe(true));
  if (threat) castDot(pat.priv.doc, voteId, threat.id, 1);
  addHiddenNote(pat.priv.doc, { kind: 'note', id: newId(), view: 'main', text: 'hidden before the fuzz' });
  await eventually(() => expect(readFacilitation(fay.fac.doc).hidden[pat.session.userId]?.count).toBe(1));
  h.closeClients();
  return { board, people };
}

/** One round: every person writes junk into every document they can open, then the board is checked. */
export async function fuzzRound(h: Harness, board: CreateBoardResponse, people: Person[], gen: Gen): Promise<void> {
  for (const who of people) {
    for (const kind of ['board', 'facilitation', 'private'] as const) {
      if (kind === 'private' || who.role === 'facilitator' || (kind === 'board' && who.role !== 'viewer') || chance(gen, 0.3)) {
        try {
          await writeJunk(h, board, who, kind, gen, int(gen, 3, 12));
        } catch (err) {
          // A socket that fails because the server died is reported as the death, by the caller.
          if (h.alive) throw err;
        }
      }
      if (!h.alive) return;
    }
  }
}

/** What a workshop needs from a board, whatever junk it holds. */
export async function assertBoardWorks(h: Harness, board: CreateBoardResponse, bystander: CreateBoardResponse): Promise<void> {
  expect(h.alive, 'the server process is alive').toBe(true);
  await stillSyncs(h, bystander);
  const fay = await h.person(board, 'facilitator', 'Check Fay');
  const pat = await h.person(board, 'participant', 'Check Pat');
  expect(await h.exportStatuses(board.id, fay.session.token)).toEqual(Object.fromEntries(EXPORT_FORMATS.map((f) => [f, 200])));
  // The list a board page paints first: answered, every entry one the page accepts, and exactly the shapes
  // a synced client reads from the junk-filled document.
  await eventually(async () => {
    const first = await fetch(`${h.url}/api/boards/${board.id}/shapes`, { headers: { authorization: `Bearer ${pat.session.token}` } });
    expect(first.status).toBe(200);
    const listed = (await first.json()) as BoardShapes;
    expect(readList(listed)).toEqual(listed.shapes);
    expect(listed.shapes.map((s) => s.id)).toEqual(readShapes(pat.board.doc).records.map((s) => s.id));
  });

  // Numbering.
  const threat = addShape(fay.board.doc, { kind: 'threat', id: newId(), view: 'main', stride: 'T', title: 'Checked threat' });
  await eventually(() => expect(boardMaps(pat.board.doc).shapes.get(threat.id)?.get('num')).toBeGreaterThan(0), 30_000);

  // Reveal.
  const noteText = `Checked hidden note ${newId()}`;
  addHiddenNote(pat.priv.doc, { kind: 'note', id: newId(), view: 'main', text: noteText });
  // The server has the hidden note (it counted it) before the facilitator ends the brainstorm: junk may
  // already hold a brainstorm in the document, so seeing one start proves nothing about the note.
  await eventually(() => expect(readFacilitation(fay.fac.doc).hidden[pat.session.userId]?.count).toBe(1), 30_000);
  startBrainstorm(fay.fac.doc, 'main', Date.now());
  await eventually(() => expect(readFacilitation(pat.fac.doc).brainstorm).not.toBeNull());
  stopBrainstorm(fay.fac.doc);
  await eventually(() => {
    const texts = readShapes(fay.board.doc).records.map((s) => (s.kind === 'note' ? s.text : ''));
    expect(texts).toContain(noteText);
  }, 30_000);

  // Tally.
  const voteId = startVote(fay.fac.doc, { scope: { kind: 'all' }, now: Date.now() });
  await eventually(() => expect(readFacilitation(pat.fac.doc).votes.some((v) => v.id === voteId && v.status === 'open')).toBe(true));
  castDot(pat.priv.doc, voteId, threat.id, 1);
  await eventually(() => expect(readFacilitation(fay.fac.doc).voted[voteId]).toBe(1));
  requestCloseVote(fay.fac.doc, voteId);
  await eventually(() => {
    const vote = readFacilitation(fay.fac.doc).votes.find((v) => v.id === voteId);
    expect(vote?.status).toBe('closed');
    expect(vote?.results?.tallies[threat.id]).toBe(1);
  }, 30_000);
  h.closeClients();
}

/**
 * A whole seed: a board, then `rounds` rounds of junk, each followed by a restart (the poisoned board must
 * load again) and the checks.
 */
export async function runSeed(h: Harness, seed: number, rounds: number): Promise<void> {
  const gen = prng.create(seed);
  const bystander = await h.board('Bystander');
  const { board, people } = await seededBoard(h, gen);
  for (let round = 0; round < rounds; round++) {
    await fuzzRound(h, board, people, gen);
    expect(h.alive, `the server process is alive after round ${round} of seed ${seed}`).toBe(true);
    await h.restart();
    await assertBoardWorks(h, board, bystander);
  }
}
