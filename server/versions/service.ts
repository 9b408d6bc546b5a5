import * as Y from 'yjs';
import { boardMaps } from '../../shared/model/board-doc';
import { readBoard, type BoardData } from '../../shared/formats/board-data';
import { readFacilitation } from '../../shared/facilitation/doc';
import type { RoomRef } from '../../shared/roles';
import { authorCounts, diffBoards, DIFF_MAPS, isEmptyDiff, type DiffMap, type RestoreBody, type RestoreResponse, type VersionInfo, type VersionReason } from '../../shared/versions';
import type { DocStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';
import { Connection, type Room } from '../sync/room';
import { applyRestore, type RestoreResult } from './restore';
import { onlyPeople, watchLeaves } from './leave';

/** Automatic versions: at least this often while a board is edited. */
export const AUTO_VERSION_MS = 10 * 60_000;

export interface Author {
  id: string;
  name: string;
}
const SERVER: Author = { id: 'server', name: '' };

/**
 * What the server saw happen to one loaded board since its last version: who edited (their names, which
 * the stamps do not carry) and who deleted which record (a deleted record has no stamp left to read).
 */
interface Tracker {
  names: Map<string, string>;
  removedBy: Map<string, string>;
  /** State vector at the last version this server took (null: none yet since the room loaded). */
  lastVector: Uint8Array | null;
  lastAt: number;
  /** Changed since the last version this server took: automatic versions are skipped otherwise. */
  dirty: boolean;
  /** Versions of one board are taken one after another, so each summary compares with the one before. */
  chain: Promise<unknown>;
}
const trackers = new WeakMap<Y.Doc, Tracker>();

function trackerOf(doc: Y.Doc): Tracker {
  let t = trackers.get(doc);
  if (!t) trackers.set(doc, (t = { names: new Map(), removedBy: new Map(), lastVector: null, lastAt: 0, dirty: false, chain: Promise.resolve() }));
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
  snapshot: Uint8Array;
  vector: Uint8Array;
  data: BoardData;
  stamps: Map<string, { createdBy?: unknown; updatedBy?: unknown }>;
  /** When the state was read: the version's time. */
  at: number;
}

function capture(room: Room, at = Date.now()): Captured {
  const stamps = new Map<string, { createdBy?: unknown; updatedBy?: unknown }>();
  for (const map of DIFF_MAPS) {
    boardMaps(room.doc)[map].forEach((m, id) => {
      if (m instanceof Y.Map) stamps.set(`${map}/${id}`, { createdBy: m.get('createdBy'), updatedBy: m.get('updatedBy') });
    });
  }
  return { room, snapshot: Y.encodeStateAsUpdate(room.doc), vector: Y.encodeStateVector(room.doc), data: readBoard(room.doc).data, stamps, at };
}

/**
 * Keep a version of a loaded board room now. The snapshot and the board's data are read synchronously,
 * so the version is exactly the state at the call (a caller about to change the board may go on at once);
 * the summary (who changed what since the previous version) and the write follow. `unlessUnchanged` skips
 * it when nothing changed since the last version this server took, or — when this server took none since
 * the room loaded — when the content equals the newest stored version (automatic versions). `at` is the
 * version's time (default: now).
 */
export function takeVersion(
  docs: DocStore,
  room: Room,
  reason: VersionReason,
  name: string,
  by: Author,
  opts: { unlessUnchanged?: boolean; at?: number } = {},
): Promise<VersionInfo | null> {
  const t = trackerOf(room.doc);
  if (opts.unlessUnchanged && !t.dirty && t.lastVector !== null) return Promise.resolve(null);
  return keep(docs, capture(room, opts.at), reason, name, by, { unlessSame: opts.unlessUnchanged === true && !t.dirty });
}

function keep(docs: DocStore, c: Captured, reason: VersionReason, name: string, by: Author, opts: { unlessSame?: boolean } = {}): Promise<VersionInfo | null> {
  const t = trackerOf(c.room.doc);
  const removedBy = new Map(t.removedBy);
  const names = new Map(t.names);
  t.removedBy.clear();
  t.lastVector = c.vector;
  t.lastAt = Date.now();
  t.dirty = false;
  const boardId = c.room.ref.boardId;
  const job = t.chain.then(async () => {
    const previous = await latestData(docs, boardId);
    const diff = diffBoards(previous ?? emptyLike(c.data), c.data);
    if (opts.unlessSame && previous && isEmptyDiff(diff)) return null;
    const key = (map: DiffMap, id: string) => `${map}/${id}`;
    // The first version has nothing before it: what the server seeded (no author) is no one's change.
    const counted = authorCounts(
      diff,
      (map, id) => c.stamps.get(key(map, id)),
      (map, id) => removedBy.get(key(map, id)) ?? '',
      (userId) => names.get(userId) ?? '',
    );
    const authors = previous ? counted : counted.filter((a) => a.userId !== '');
    return docs.saveVersion(
      { board: boardId, name, reason, createdAt: c.at, createdBy: by.id, createdByName: by.name, summary: { authors } },
      c.snapshot,
    );
  });
  t.chain = job.catch(() => {});
  return job;
}

function emptyLike(data: BoardData): BoardData {
  return { meta: data.meta, views: [], shapes: [], mitigations: [], assumptions: [], comments: [] };
}

async function latestData(docs: DocStore, boardId: string): Promise<BoardData | null> {
  const [last] = await docs.listVersions(boardId);
  if (!last) return null;
  const v = await docs.getVersion(boardId, last.id);
  if (!v) return null;
  const doc = boardDoc(v.snapshot);
  try {
    return readBoard(doc).data;
  } finally {
    doc.destroy();
  }
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
      const before = (await saving)!;
      return { before, restored: result.restored, removed: result.removed };
    });
  } finally {
    version.destroy();
  }
}

/**
 * Automatic versions of a loaded board room: one before the first edit once the last version is
 * `AUTO_VERSION_MS` old (so the state before a burst of edits is always kept), at least every
 * `AUTO_VERSION_MS` while it is edited, and one before every reveal of hidden notes. Also collects who
 * edited and who deleted what, for the summaries. Detaches itself when the room is destroyed.
 */
export async function attachVersions(
  room: Room,
  deps: { docs: DocStore; registry: RoomRegistry; log: (msg: string) => void; intervalMs?: number },
): Promise<void> {
  if (room.ref.kind !== 'board') return;
  const { docs, log } = deps;
  const interval = deps.intervalMs ?? AUTO_VERSION_MS;
  const t = trackerOf(room.doc);
  const [last] = await docs.listVersions(room.ref.boardId).catch(() => [] as VersionInfo[]);
  t.lastAt = last?.createdAt ?? 0;
  const auto = (reason: VersionReason) =>
    void takeVersion(docs, room, reason, '', SERVER, { unlessUnchanged: true }).catch((err: unknown) =>
      log(`automatic version of ${room.name} failed: ${String(err)}`),
    );
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      room.safely('versions', () => {
        if (t.dirty) auto('auto');
      });
    }, Math.max(0, t.lastAt + interval - Date.now()));
    timer.unref();
  };
  const roots = new Map<unknown, DiffMap>(DIFF_MAPS.map((m) => [boardMaps(room.doc)[m], m]));
  // The state before the first edit once the last version is old: read before each update from a
  // person while that is due, kept only if the update changed something.
  let baseline: Captured | null = null;
  const before = (tr: Y.Transaction) =>
    room.safely('versions', () => {
      baseline = tr.origin instanceof Connection && Date.now() - t.lastAt >= interval ? capture(room) : null;
    });
  const after = (tr: Y.Transaction) =>
    room.safely('versions', () => {
      const base = baseline;
      baseline = null;
      // Who is on the board (the people map) is no content: joining or leaving makes no version.
      if (tr.changed.size === 0 || tr.origin === 'store' || onlyPeople(room.doc, tr)) return;
      if (!(tr.origin instanceof Connection)) {
        // The server's own changes (numbering, restores) are content too: the next version must hold them.
        t.dirty = true;
        return;
      }
      if (base && (t.dirty || t.lastVector === null)) {
        void keep(docs, base, 'auto', '', SERVER).catch((err: unknown) => log(`automatic version of ${room.name} failed: ${String(err)}`));
      }
      const user = tr.origin.user;
      t.names.set(user.id, user.name);
      for (const [type, keys] of tr.changed) {
        const map = roots.get(type);
        if (!map) continue;
        for (const key of keys) if (key !== null && type instanceof Y.Map && !type.has(key)) t.removedBy.set(`${map}/${key}`, user.id);
      }
      t.dirty = true;
      schedule();
    });
  room.doc.on('beforeTransaction', before);
  room.doc.on('afterTransaction', after);

  // Before a reveal moves hidden notes onto the board: the facilitation room says when.
  const fac = await deps.registry.hold(facilitationRef(room.ref.boardId));
  let last_ = readFacilitation(fac.doc);
  const onFac = () =>
    fac.safely('versions', () => {
      const f = readFacilitation(fac.doc);
      const reveal = (last_.brainstorm !== null && f.brainstorm === null) || f.revealSeq > last_.revealSeq;
      last_ = f;
      if (reveal) auto('before-reveal');
    });
  fac.doc.on('afterTransaction', onFac);
  // When someone's last connection closes after the board changed: the state they saw, at their leaving time.
  const unwatch = watchLeaves(room, (at) =>
    void takeVersion(docs, room, 'left', '', SERVER, { unlessUnchanged: true, at }).catch((err: unknown) => log(`version of ${room.name} on leaving failed: ${String(err)}`)),
  );
  room.doc.on('destroy', () => {
    unwatch();
    clearTimeout(timer);
    room.doc.off('beforeTransaction', before);
    room.doc.off('afterTransaction', after);
    fac.doc.off('afterTransaction', onFac);
    deps.registry.unhold(fac);
  });
}
