import { gzipSync } from 'node:zlib';
import type * as Y from 'yjs';
import type { BoardShapes } from '../../shared/api';
import { readShapes } from '../../shared/model/board-doc';
import type { Room } from './room';

/** How old a loaded room's list may be while changes go on (see `roomFirstPaintList`). */
const STALE_MS = 1000;

/**
 * A board's first-paint list (`GET /api/boards/:id/shapes`) as it is sent: the valid shapes as a synced
 * client reads them, JSON, gzipped at level 1 (a 2,000-note board's 530 KB become about 70 KB in a few
 * milliseconds; level 6 saves 15 % more for three times the time).
 */
function firstPaintList(doc: Y.Doc): Uint8Array {
  const body: BoardShapes = { shapes: readShapes(doc).records };
  return gzipSync(JSON.stringify(body), { level: 1 });
}

const made = new WeakMap<Room, { changes: number; at: number; body: Uint8Array }>();

/**
 * A loaded room's first-paint list, made again only after a change, and at most once a second while
 * changes go on: a hundred people opening a board at a workshop's start while others edit it ask within
 * seconds (40 ms of the server each for 2,000 notes), and a list a second old is replaced by the
 * document a moment after it is painted anyway. `staleMs` 0: exactly the document as it is now (what is
 * kept for an unloaded board).
 */
export function roomFirstPaintList(room: Room, staleMs = STALE_MS): Uint8Array {
  const kept = made.get(room);
  const now = Date.now();
  if (kept && (kept.changes === room.changeCount || now - kept.at < staleMs)) return kept.body;
  const body = firstPaintList(room.doc);
  made.set(room, { changes: room.changeCount, at: now, body });
  return body;
}
