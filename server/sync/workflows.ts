import * as Y from 'yjs';
import { addShape, boardMaps, newId, readShapes, type RecordMap } from '../../shared/model/board-doc';
import { numberMitigations, numberThreats } from '../../shared/threats/numbering';
import {
  countBallot,
  facilitationMaps,
  privateMaps,
  readBallot,
  readFacilitation,
  readHiddenNotes,
  timerRemaining,
  type Tally,
} from '../../shared/facilitation/doc';
import type { RoomRef } from '../../shared/roles';
import type { DocStore } from '../store/types';
import type { RoomRegistry } from './registry';
import { Connection, type Room } from './room';
import { attachHands } from './hands';
import { attachVersions } from '../versions/service';

export interface BoardHooks {
  /** The board was renamed (by a facilitator): keep the board list in step. */
  onTitle?: (boardId: string, title: string) => void;
}

export interface WorkflowContext {
  registry: RoomRegistry;
  docs: DocStore;
  hooks: BoardHooks;
  log: (msg: string) => void;
  /** Automatic versions at least this often while the board is edited (default AUTO_VERSION_MS). */
  autoVersionMs?: number;
  /** People leaving within this long of a version share it (default LEAVE_VERSION_MS). */
  leaveVersionMs?: number;
}

/**
 * Server-side behaviour of a board's documents. The server sees every update of a room in order and
 * is the only party that may read every private document, so it is where threats are numbered,
 * hidden notes revealed and ballots tallied. Each reacts to the documents themselves, so the
 * facilitator's client needs no extra API, and work left half-done by a crash resumes at the next load.
 */
export function attachWorkflows(room: Room, ctx: WorkflowContext): Promise<void> | void {
  switch (room.ref.kind) {
    case 'board':
      return attachBoardWorkflows(room, ctx);
    case 'facilitation':
      return attachFacilitationWorkflows(room, ctx);
    case 'private':
      return attachPrivateWorkflows(room, ctx);
  }
}

const boardRef = (boardId: string): RoomRef => ({ kind: 'board', boardId, name: boardId });
const facilitationRef = (boardId: string): RoomRef => ({ kind: 'facilitation', boardId, name: `${boardId}/facilitation` });

/**
 * Runs `fn` in a microtask, at most once per turn, after the transaction that asked for it. A failure
 * stays in the room (logged and counted by `room.safely`), never reaching the process.
 */
function debounced(room: Room, what: string, fn: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      room.safely(what, fn);
    });
  };
}

/** An observer that can never throw into Yjs (and so into whoever applied the update). */
function guarded<A extends unknown[]>(room: Room, what: string, fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => void room.safely(what, () => fn(...args));
}

// ---- board: threat numbers, title, what the facilitation document decides -----------------------

async function attachBoardWorkflows(room: Room, ctx: WorkflowContext): Promise<void> {
  const { shapes, mitigations } = boardMaps(room.doc);
  // The title is guarded by the policy (facilitators only); keep the board list in step.
  room.onTitle = (title) => ctx.hooks.onTitle?.(room.ref.boardId, title);
  attachHands(room, ctx);
  const once = (what: string, fn: () => void) => () => void ctx.registry.onceForBoard(room.ref.boardId, what, () => room.safely(what, fn));
  // Server-owned work runs on the instance holding the board's lease (once across the cluster).
  const number = debounced(room, 'numbering', once('numbering', () => numberThreats(room.doc, 'server')));
  shapes.observe(
    guarded(room, 'numbering', (event: Y.YMapEvent<RecordMap>) => {
      for (const [key, change] of event.changes.keys) {
        if (change.action === 'delete') continue;
        const map = shapes.get(key);
        if (map instanceof Y.Map && map.get('kind') === 'threat' && !map.get('num')) return number();
      }
    }),
  );
  // A threat could have been stored un-numbered (e.g. written while the server was down): fix on load.
  number();
  const numberM = debounced(room, 'numbering', once('numbering', () => numberMitigations(room.doc, 'server')));
  mitigations.observe(
    guarded(room, 'numbering', (event: Y.YMapEvent<RecordMap>) => {
      for (const [key, change] of event.changes.keys) {
        const m = mitigations.get(key);
        if (change.action !== 'delete' && m instanceof Y.Map && !m.get('num')) return numberM();
      }
    }),
  );
  numberM();
  // Becoming the board's worker (e.g. the previous one died before numbering what it had seen): fix again.
  const offAcquired = ctx.registry.onLeaseAcquired(room.ref.boardId, () => {
    number();
    numberM();
  });
  room.doc.on('destroy', offAcquired);
  await followFacilitation(room, ctx);
  await attachVersions(room, { ...ctx, intervalMs: ctx.autoVersionMs, leaveMs: ctx.leaveVersionMs });
}

/**
 * The board room enforces what the facilitation document decides (locked views; no cursors while a
 * secret vote is open), so it keeps that room loaded for as long as it is loaded itself.
 */
async function followFacilitation(board: Room, ctx: WorkflowContext): Promise<void> {
  const fac = await ctx.registry.hold(facilitationRef(board.ref.boardId));
  const sync = () => {
    const f = readFacilitation(fac.doc);
    board.lockedViews = f.locks;
    const secret = f.votes.some((v) => v.status === 'open');
    if (secret !== board.secretVoteOpen) {
      board.secretVoteOpen = secret;
      board.refreshPresence();
    }
  };
  const onChange = guarded(fac, 'follow facilitation', sync);
  fac.doc.on('afterTransaction', onChange);
  sync();
  board.doc.on('destroy', () => {
    fac.doc.off('afterTransaction', onChange);
    ctx.registry.unhold(fac);
  });
}

// ---- private documents: counts for the facilitator ----------------------------------------------

/**
 * Keeps the facilitation document's counters in step with one user's private document: how many
 * hidden notes they have and which open votes they placed dots in. Never their content.
 */
function attachPrivateWorkflows(room: Room, ctx: WorkflowContext): void {
  if (room.ref.kind !== 'private') return;
  const { boardId, userId } = room.ref;
  const { notes, ballots } = privateMaps(room.doc);
  let name = '';
  const publish = debounced(room, 'hidden-note counts', () => {
    const count = notes.size;
    const votedIn = new Set<string>();
    ballots.forEach((_, voteId) => {
      if (Object.keys(readBallot(room.doc, voteId)).length > 0) votedIn.add(voteId);
    });
    void ctx.registry
      .use(facilitationRef(boardId), (fac) => {
        const f = facilitationMaps(fac.doc);
        const open = new Set(readFacilitation(fac.doc).votes.filter((v) => v.status === 'open').map((v) => v.id));
        fac.transact(() => {
          const prev = f.hidden.get(userId) as { name?: string; count?: number } | undefined;
          const shownName = name || prev?.name || '';
          if (prev?.count !== count || prev?.name !== shownName) f.hidden.set(userId, { name: shownName, count });
          for (const voteId of open) {
            let voters = f.voted.get(voteId);
            if (!(voters instanceof Y.Map)) {
              voters = new Y.Map<boolean>();
              f.voted.set(voteId, voters);
            }
            if (votedIn.has(voteId) && !voters.has(userId)) voters.set(userId, true);
            if (!votedIn.has(voteId) && voters.has(userId)) voters.delete(userId);
          }
        });
      })
      .catch((err: unknown) => ctx.log(`could not update counts for ${room.name}: ${String(err)}`));
  });
  room.doc.on(
    'afterTransaction',
    guarded(room, 'hidden-note counts', (tx: Y.Transaction) => {
      if (tx.origin instanceof Connection) name = tx.origin.user.name;
      if (tx.changed.size > 0 && tx.origin !== 'store') publish();
    }),
  );
}

// ---- facilitation: reveal and tally -------------------------------------------------------------

function attachFacilitationWorkflows(room: Room, ctx: WorkflowContext): void {
  const { boardId } = room.ref;
  const { state, votes } = facilitationMaps(room.doc);
  // Reveals and tallies of one board run one after another, never interleaved.
  let chain: Promise<void> = Promise.resolve();
  // Each runs on the instance holding the board's lease, so once across the cluster.
  const enqueue = (what: string, job: () => Promise<void>) => {
    // Not under the board lease: a reveal or tally loads rooms whose own leased work (numbering,
    // compaction) would then wait behind it. Both are idempotent (same ids, same counts), so two instances
    // doing one at the same time write the same result.
    chain = chain.then(job).catch((err: unknown) => ctx.log(`${what} failed on ${boardId}: ${String(err)}`));
  };

  let lastBrainstorm = readFacilitation(room.doc).brainstorm;
  let lastRevealSeq = readFacilitation(room.doc).revealSeq;
  state.observe(guarded(room, 'reveal', (event: Y.YMapEvent<unknown>) => {
    if (!event.keysChanged.has('brainstorm') && !event.keysChanged.has('revealSeq')) return;
    const f = readFacilitation(room.doc);
    const turnedOff = lastBrainstorm !== null && f.brainstorm === null;
    const asked = f.revealSeq > lastRevealSeq;
    lastBrainstorm = f.brainstorm;
    lastRevealSeq = f.revealSeq;
    if (turnedOff || asked) enqueue('reveal', () => revealAll(boardId, ctx));
  }));

  const tallyClosing = debounced(room, 'tally', () => {
    for (const vote of readFacilitation(room.doc).votes) {
      if (vote.status === 'closing') enqueue('tally', () => tally(boardId, vote.id, room, ctx));
    }
  });
  votes.observeDeep(tallyClosing);
  // A vote left "closing" by a crash is tallied at the next load.
  tallyClosing();
  closeTimedVotes(room, ctx);
}

/**
 * A timed vote runs on the shared timer: when the timer reaches zero, the server closes the vote itself,
 * so it ends on time even if the facilitator's tab was closed. Pausing or extending the timer moves the
 * deadline; every change to the timer or the votes reschedules.
 */
function closeTimedVotes(room: Room, ctx: WorkflowContext): void {
  const { state, votes } = facilitationMaps(room.doc);
  let pending: NodeJS.Timeout | undefined;
  const schedule = guarded(room, 'timed vote', () => {
    clearTimeout(pending);
    const f = readFacilitation(room.doc);
    const vote = f.votes.find((v) => v.status === 'open' && v.timed);
    if (!vote || f.timer.status !== 'running') return;
    pending = setTimeout(
      guarded(room, 'timed vote', () => {
        const now = readFacilitation(room.doc);
        if (now.timer.status !== 'running' || timerRemaining(now.timer, Date.now()) > 0) return schedule();
        void ctx.registry.onceForBoard(room.ref.boardId, 'timed vote', () => {
          const m = facilitationMaps(room.doc).votes.get(vote.id);
          if (m instanceof Y.Map && m.get('status') === 'open') room.transact(() => m.set('status', 'closing'));
        });
      }),
      Math.max(0, Math.min(f.timer.endsAt - Date.now(), 2 ** 31 - 1)),
    );
    pending.unref();
  });
  state.observe(schedule);
  votes.observeDeep(schedule);
  // The instance that held the lease when the timer ran out may have died before closing the vote.
  const offAcquired = ctx.registry.onLeaseAcquired(room.ref.boardId, schedule);
  room.doc.on('destroy', () => {
    clearTimeout(pending);
    offAcquired();
  });
  schedule();
}

async function privateRefs(boardId: string, docs: DocStore): Promise<RoomRef[]> {
  const names = await docs.list(`${boardId}/private/`);
  return names.map((name) => ({ kind: 'private', boardId, userId: name.slice(boardId.length + '/private/'.length), name }));
}

/**
 * Move every hidden note of the board into the board document, in place, with its author recorded:
 * one transaction per author in each document. A note already on the board (a reveal interrupted
 * between the two writes) is not added twice.
 */
async function revealAll(boardId: string, ctx: WorkflowContext): Promise<void> {
  const refs = await privateRefs(boardId, ctx.docs);
  await ctx.registry.use(boardRef(boardId), async (board) => {
    for (const ref of refs) {
      if (ref.kind !== 'private') continue;
      await ctx.registry.use(ref, (priv) => {
        const notes = readHiddenNotes(priv.doc);
        if (notes.length === 0) return;
        const { shapes } = boardMaps(board.doc);
        board.transact((doc) => {
          for (const note of notes) {
            const existing = shapes.get(note.id);
            // Already revealed by an interrupted reveal: the board holds this author's note under that id.
            if (existing instanceof Y.Map && existing.get('createdBy') === ref.userId) continue;
            // Someone else's record holds the id: the note comes in under a new one, never replacing it.
            const id = existing === undefined ? note.id : newId();
            addShape(doc, { ...note, id, createdBy: ref.userId, createdAt: note.createdAt || Date.now() });
          }
        });
        priv.transact(() => {
          for (const note of notes) privateMaps(priv.doc).notes.delete(note.id);
        });
      });
    }
  });
}

/**
 * Count every ballot of a vote, enforcing its budget and candidates, and publish the results: in the
 * facilitation document (for the ranking) and on each candidate threat (for the register).
 */
async function tally(boardId: string, voteId: string, fac: Room, ctx: WorkflowContext): Promise<void> {
  const vote = readFacilitation(fac.doc).votes.find((v) => v.id === voteId);
  if (!vote || vote.status !== 'closing') return;
  const refs = await privateRefs(boardId, ctx.docs);
  await ctx.registry.use(boardRef(boardId), async (board) => {
    const threats = readShapes(board.doc).records.filter(
      (s) => s.kind === 'threat' && (vote.scope.kind === 'all' || s.view === vote.scope.view),
    );
    const candidates = new Set(threats.map((t) => t.id));
    const result: Tally = { tallies: {}, ignored: 0 };
    let voters = 0;
    for (const ref of refs) {
      await ctx.registry.use(ref, (priv) => {
        const ballot = readBallot(priv.doc, voteId);
        if (Object.keys(ballot).length === 0) return;
        voters++;
        countBallot(ballot, vote, candidates, result);
      });
    }
    const { shapes } = boardMaps(board.doc);
    board.transact(() => {
      for (const id of candidates) {
        const votes = result.tallies[id] ?? 0;
        const m = shapes.get(id);
        if (m instanceof Y.Map && m.get('votes') !== votes) m.set('votes', votes);
      }
    });
    const m = facilitationMaps(fac.doc).votes.get(voteId);
    if (!(m instanceof Y.Map)) return;
    fac.transact(() => {
      m.set('results', { tallies: result.tallies, voters, ignored: result.ignored, closedAt: Date.now() });
      m.set('status', 'closed');
    });
  });
}
