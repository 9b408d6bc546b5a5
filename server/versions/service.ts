import * as Y from 'yjs';
import { boardMaps } from '../../shared/model/board-doc';
import { readBoard, type BoardData } from '../../shared/formats/board-data';
import { readFacilitation } from '../../shared/facilitation/doc';
import type { RoomRef } from '../../shared/roles';
import { authorCounts, diffBoards, DIFF_MAPS, isEmptyDiff, type DiffMap, type RestoreBody, type RestoreResponse, type VersionInfo, type VersionReason } from '../../shared/versions';
import type { DocStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';
import { Connection, REMOTE, type Room } from '../sync/room';
import { applyRestore, type RestoreResult } from './restore';
import { onlyPeople, watchLeaves } from './leave';

/** Automatic versions: at least this often while a board is edited (default of `AUTO_VERSION_MS`). */
export const AUTO_VERSION_MS = 10 * 60_000;
/**
 * People leaving within this long of a version share it as the base of their "what changed since I was
 * last here" (default of `LEAVE_VERSION_MS`). The summary already reads stamps to within a minute
 * (client/since/summary.ts, RESTAMP_MS); without this, 100 people leaving a large board while others still
 * edit would each cost a snapshot and a stored version (bench scenario 9).
 */
export const LEAVE_VERSION_MS = 60_000;

export interface Author {
  id: string;
  name: string;
}
const SERVER: Author = { id: 'server', name: '' };

/**
 * What this server saw happen to one loaded board: who edited through it (their names, which the stamps
 * do not carry) and who deleted which record (a deleted record has no stamp left to read).
 */
interface Tracker {
  names: Map<string, string>;
  removedBy: Map<string, string>;
  /** When the board's last version was taken, as far as this server knows. */
  lastAt: number;
  /** Changed since the room loaded here (a new worker then checks whether a version is due). */
  dirty: boolean;
  /** Versions of one board are taken one after another, so each summary compares with the one before. */
  chain: Promise<unknown>;
  /** Content changes this server has applied to the loaded board, and how many of them added records. */
  edits: number;
  adds: number;
  /**
   * The last time this server kept a version of the board, or found the board equal to its latest one:
   * when that version was taken, and `edits` and `adds` then. Set as soon as the state is read, before it
   * is stored.
   */
  base: Mark | null;
  /** The board's latest version as read or written here (its data and state), so it is decoded at most once. */
  latest: { id: string; data: BoardData; state: Y.Snapshot } | null;
}
const trackers = new WeakMap<Y.Doc, Tracker>();

/** A state of the board as the leavers' base: when it was read, and the tracker's counts then. */
type Mark = { at: number; edits: number; adds: number };
const markOf = (c: Captured): Mark => ({ at: c.at, edits: c.edits, adds: c.adds });

/** Make `mark` the leavers' base; the function returned puts the previous one back while `mark` is still it. */
function setBase(t: Tracker, mark: Mark): () => void {
  const previous = t.base;
  t.base = mark;
  return () => {
    if (t.base === mark) t.base = previous;
  };
}

function trackerOf(doc: Y.Doc): Tracker {
  let t = trackers.get(doc);
  if (!t) trackers.set(doc, (t = { names: new Map(), removedBy: new Map(), lastAt: 0, dirty: false, chain: Promise.resolve(), edits: 0, adds: 0, base: null, latest: null }));
  return t;
}

function boardDoc(snapshot: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  return doc;
}

/** A board's state read at one instant, to be kept as a version. */
interface Captured {
  room: Room;
  at: number;
  snapshot: Uint8Array;
  /** State vector and delete set, to tell whether a stored version holds exactly this state. */
  state: Y.Snapshot;
  data: BoardData;
  stamps: Map<string, { createdBy?: unknown; updatedBy?: unknown }>;
  /** The tracker's `edits` and `adds` at the read. */
  edits: number;
  adds: number;
}

function capture(room: Room, at = Date.now()): Captured {
  const stamps = new Map<string, { createdBy?: unknown; updatedBy?: unknown }>();
  for (const map of DIFF_MAPS) {
    boardMaps(room.doc)[map].forEach((m, id) => {
      if (m instanceof Y.Map) stamps.set(`${map}/${id}`, { createdBy: m.get('createdBy'), updatedBy: m.get('updatedBy') });
    });
  }
  const snapshot = Y.encodeStateAsUpdate(room.doc);
  const { edits, adds } = trackerOf(room.doc);
  return { room, at, snapshot, state: Y.snapshot(room.doc), data: readBoard(room.doc).data, stamps, edits, adds };
}

/**
 * The board's latest version (data and state), or null when it has none: decoded from the store unless it
 * is the one this server last read or wrote (a 2,000-note board takes about 0.15 s to decode).
 */
async function latestVersion(docs: DocStore, boardId: string, t: Tracker): Promise<(Tracker['latest'] & { at: number }) | null> {
  const [last] = await docs.listVersions(boardId);
  if (!last) return null;
  if (t.latest?.id === last.id) return { ...t.latest, at: last.createdAt };
  const v = await docs.getVersion(boardId, last.id);
  if (!v) return null;
  const doc = boardDoc(v.snapshot);
  try {
    t.latest = { id: last.id, data: readBoard(doc).data, state: Y.snapshot(doc) };
    return { ...t.latest, at: last.createdAt };
  } finally {
    doc.destroy();
  }
}

/**
 * A user's name for a summary: from their edits through this server, else from their presence (a person
 * editing through another instance of a cluster has presence here, stamped with their token's user).
 */
function nameOf(room: Room, names: Map<string, string>, userId: string): string {
  const known = names.get(userId);
  if (known !== undefined) return known;
  for (const state of room.awareness.getStates().values()) {
    const user = (state as { user?: { id?: unknown; name?: unknown } } | null)?.user;
    if (user?.id === userId && typeof user.name === 'string') return user.name.slice(0, 200);
  }
  return '';
}

/**
 * Keep a version of a loaded board room now. The snapshot and the board's data are read synchronously,
 * so the version is exactly the state at the call (a caller about to change the board may go on at once);
 * the summary (who changed what since the previous version) and the write follow.
 */
export function takeVersion(docs: DocStore, room: Room, reason: VersionReason, name: string, by: Author): Promise<VersionInfo> {
  return keep(docs, capture(room), reason, name, by);
}

function keep(docs: DocStore, c: Captured, reason: VersionReason, name: string, by: Author): Promise<VersionInfo> {
  const t = trackerOf(c.room.doc);
  const removedBy = new Map(t.removedBy);
  const names = new Map(t.names);
  t.removedBy.clear();
  t.lastAt = Date.now();
  const undoBase = setBase(t, markOf(c));
  const boardId = c.room.ref.boardId;
  const job = t.chain.then(async () => {
    const previous = (await latestVersion(docs, boardId, t))?.data ?? null;
    const diff = diffBoards(previous ?? emptyLike(c.data), c.data);
    const key = (map: DiffMap, id: string) => `${map}/${id}`;
    // The first version has nothing before it: what the server seeded (no author) is no one's change.
    const counted = authorCounts(
      diff,
      (map, id) => c.stamps.get(key(map, id)),
      (map, id) => removedBy.get(key(map, id)) ?? '',
      (userId) => nameOf(c.room, names, userId),
    );
    const authors = previous ? counted : counted.filter((a) => a.userId !== '');
    const saved = await docs.saveVersion(
      { board: boardId, name, reason, createdAt: c.at, createdBy: by.id, createdByName: by.name, summary: { authors } },
      c.snapshot,
    );
    t.latest = { id: saved.id, data: c.data, state: c.state };
    return saved;
  });
  // Not kept: leavers must not count on it.
  job.catch(undoBase);
  t.chain = job.catch(() => {});
  return job;
}

function emptyLike(data: BoardData): BoardData {
  return { meta: data.meta, views: [], shapes: [], mitigations: [], assumptions: [], comments: [] };
}

const boardRef = (boardId: string): RoomRef => ({ kind: 'board', boardId, name: boardId });
const facilitationRef = (boardId: string): RoomRef => ({ kind: 'facilitation', boardId, name: `${boardId}/facilitation` });

/**
 * Restore a version into the live board, for one scope, as a new change everyone receives. A version
 * "before-restore" of the live board is kept first, in the same turn as the restore, so restoring that
 * one undoes this restore.
 */
export async function restoreVersion(
  docs: DocStore,
  registry: RoomRegistry,
  boardId: string,
  versionId: string,
  scope: RestoreBody,
  by: Author,
): Promise<RestoreResponse | null> {
  const stored = await docs.getVersion(boardId, versionId);
  if (!stored) return null;
  const version = boardDoc(stored.snapshot);
  try {
    return await registry.use(boardRef(boardId), async (room) => {
      const saving = takeVersion(docs, room, 'before-restore', '', by);
      let result: RestoreResult = { restored: 0, removed: 0 };
      room.transact((doc) => {
        result = applyRestore(doc, version, scope, by.id, Date.now());
      });
      if (result.title !== undefined) room.safely('title', () => room.onTitle?.(result.title!));
      const before = await saving;
      return { before, restored: result.restored, removed: result.removed };
    });
  } finally {
    version.destroy();
  }
}

/**
 * Automatic versions of a loaded board room: one of the state before the first edit once the last version
 * is `intervalMs` old (so the state before a burst of edits is always kept), at least every `intervalMs`
 * while it is edited, and one before every reveal of hidden notes. A version equal to the board's latest
 * one is skipped. Also collects who edited and who deleted what, for the summaries. Detaches itself when
 * the room is destroyed.
 *
 * In a cluster every instance serving the board watches it, but the timed and before-edit versions are
 * kept only by the board's worker (the lease holder, `registry.onceForBoard`), once across the cluster; an
 * instance that takes the lease over (the worker died) checks whether a version is due. The version before
 * a reveal is kept by the instance that received the facilitator's change, before any reveal runs.
 */
export async function attachVersions(
  room: Room,
  deps: { docs: DocStore; registry: RoomRegistry; log: (msg: string) => void; intervalMs?: number; leaveMs?: number },
): Promise<void> {
  if (room.ref.kind !== 'board') return;
  const { docs, registry, log } = deps;
  const boardId = room.ref.boardId;
  const interval = deps.intervalMs ?? AUTO_VERSION_MS;
  const leaveMs = deps.leaveMs ?? LEAVE_VERSION_MS;
  const t = trackerOf(room.doc);
  const [last] = await docs.listVersions(boardId).catch(() => [] as VersionInfo[]);
  t.lastAt = last?.createdAt ?? 0;
  const failed = (err: unknown) => log(`automatic version of ${room.name} failed: ${String(err)}`);

  /** Keep `c` unless the board's latest version (whoever took it) holds the same state. */
  const keepIfNew = async (c: Captured, reason: VersionReason) => {
    const latest = await latestVersion(docs, boardId, t);
    if (latest && Y.equalSnapshots(latest.state, c.state)) return;
    await keep(docs, c, reason, '', SERVER);
  };
  // The timed version, on the board's worker: due once the latest version is `interval` old.
  const tick = () =>
    void registry
      .onceForBoard(boardId, 'automatic version', async () => {
        if (room.destroyed) return;
        const [latest] = await docs.listVersions(boardId);
        if (latest && Date.now() - latest.createdAt < interval) {
          // Taken meanwhile (a named version, or by the previous worker): look again when the next is due.
          t.lastAt = latest.createdAt;
          return schedule();
        }
        await keepIfNew(capture(room), 'auto');
      })
      .then((ran) => {
        if (ran) return;
        // Another instance is the worker and keeps the version: look again in one interval, and forget
        // deletions older than that (memory stays bounded on an instance that never keeps one).
        t.lastAt = Date.now();
        t.removedBy.clear();
      }, failed);
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer || room.destroyed) return;
    timer = setTimeout(() => {
      timer = undefined;
      tick();
    }, Math.max(0, t.lastAt + interval - Date.now()));
    timer.unref();
  };
  const offAcquired = registry.onLeaseAcquired(boardId, () => {
    if (t.dirty) tick();
  });

  const roots = new Map<unknown, DiffMap>(DIFF_MAPS.map((m) => [boardMaps(room.doc)[m], m]));
  // An edit from a person, through this instance or another one.
  const isEdit = (tr: Y.Transaction) => tr.origin instanceof Connection || tr.origin === REMOTE;
  // The state before the first edit once the last version is old: read on the worker before each edit
  // while that is due, kept only if the edit changed something.
  let baseline: Captured | null = null;
  const before = (tr: Y.Transaction) =>
    room.safely('versions', () => {
      baseline = isEdit(tr) && Date.now() - t.lastAt >= interval && registry.leases.holds(boardId) ? capture(room) : null;
    });
  const after = (tr: Y.Transaction) =>
    room.safely('versions', () => {
      const base = baseline;
      baseline = null;
      // Who is on the board (the people map) is no content: joining or leaving makes no version.
      if (tr.changed.size === 0 || tr.origin === 'store' || onlyPeople(room.doc, tr)) return;
      // The server's own changes (numbering, restores) are content too, though not a reason for a version.
      t.dirty = true;
      t.edits++;
      for (const [type, keys] of tr.changed) if (type instanceof Y.Map && roots.has(type) && [...keys].some((k) => k !== null && type.has(k))) t.adds++;
      if (!isEdit(tr)) return;
      if (base) {
        t.lastAt = base.at;
        void registry.onceForBoard(boardId, 'automatic version', () => keepIfNew(base, 'auto'));
      }
      if (tr.origin instanceof Connection) {
        const user = tr.origin.user;
        t.names.set(user.id, user.name);
        for (const [type, keys] of tr.changed) {
          const map = roots.get(type);
          if (!map) continue;
          for (const key of keys) if (key !== null && type instanceof Y.Map && !type.has(key)) t.removedBy.set(`${map}/${key}`, user.id);
        }
      }
      schedule();
    });
  room.doc.on('beforeTransaction', before);
  room.doc.on('afterTransaction', after);

  // Before a reveal moves hidden notes onto the board: the facilitation room says when. The instance whose
  // connection made that change keeps it (once across a cluster), capturing the board before its reveal.
  const fac = await registry.hold(facilitationRef(boardId));
  let last_ = readFacilitation(fac.doc);
  const onFac = (tr: Y.Transaction) =>
    fac.safely('versions', () => {
      const f = readFacilitation(fac.doc);
      const reveal = (last_.brainstorm !== null && f.brainstorm === null) || f.revealSeq > last_.revealSeq;
      last_ = f;
      if (reveal && tr.origin instanceof Connection) void keepIfNew(capture(room), 'before-reveal').catch(failed);
    });
  fac.doc.on('afterTransaction', onFac);
  // When someone's last connection closes: the board as they saw it, at their leaving time, unless its
  // content equals the latest version. Nothing is read, and the leaver's base is the version this server
  // last kept or found equal to the board, when the board has not changed since; or when that version is
  // under `leaveMs` old and no record was added since (a record added after it and removed while they are
  // away would not be listed as removed; a change made in that minute may be listed although they saw
  // it, as stamps already allow, client/since/summary.ts). So 100 people leaving while the others still
  // edit make one version a minute, not one each, and cost the room nothing.
  let leaving: Promise<unknown> = Promise.resolve();
  const unwatch = watchLeaves(room, (at) => {
    const base = t.base;
    if (base && (base.edits === t.edits || (base.adds === t.adds && at - base.at < leaveMs))) return;
    const c = capture(room, at);
    const undoBase = setBase(t, markOf(c));
    leaving = leaving
      .then(async () => {
        const latest = await latestVersion(docs, boardId, t);
        if (latest && isEmptyDiff(diffBoards(latest.data, c.data))) {
          t.base = { at: latest.at, edits: c.edits, adds: c.adds };
          return;
        }
        await keep(docs, c, 'left', '', SERVER);
      })
      .catch((err: unknown) => {
        undoBase();
        failed(err);
      });
  });
  room.doc.on('destroy', () => {
    unwatch();
    clearTimeout(timer);
    offAcquired();
    room.doc.off('beforeTransaction', before);
    room.doc.off('afterTransaction', after);
    fac.doc.off('afterTransaction', onFac);
    registry.unhold(fac);
  });
}
