import type * as Y from 'yjs';
import { boardMaps } from '../../shared/model/board-doc';
import { numberThreats } from '../../shared/threats/numbering';
import { Title } from '../../shared/api';
import { Connection, type Room } from './room';

export interface BoardHooks {
  /** The board was renamed (by a facilitator): keep the board list in step. */
  onTitle?: (boardId: string, title: string) => void;
}

/**
 * The title lives in the board document so it shows live, but renaming is a facilitator's right. The
 * board document is writable by participants, so the server reverts a title change that came from a
 * connection without the facilitator role (or that is not a valid title).
 */
function guardTitle(room: Room, meta: Y.Map<unknown>, hooks: BoardHooks): void {
  let current = meta.get('title');
  meta.observe((event) => {
    if (!event.keysChanged.has('title')) return;
    const origin = event.transaction.origin;
    const next = meta.get('title');
    const allowed = !(origin instanceof Connection) || origin.user.role === 'facilitator';
    const valid = Title.safeParse(next);
    if (allowed && valid.success && valid.data === next) {
      current = next;
      hooks.onTitle?.(room.ref.boardId, valid.data);
      return;
    }
    const restore = current;
    queueMicrotask(() => room.transact((doc) => doc.getMap('meta').set('title', restore)));
  });
}

/**
 * Server-side behaviour of a board document: numbering new threats (T-1, T-2 …). The server sees every
 * update of a room in order, so it is the one place that can hand out numbers without clashes.
 * Numbering runs in a microtask after the transaction that added a threat, as the server's own update.
 */
export function attachBoardWorkflows(room: Room, hooks: BoardHooks = {}): void {
  const { shapes, meta } = boardMaps(room.doc);
  guardTitle(room, meta, hooks);
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      numberThreats(room.doc, 'server');
    });
  };
  shapes.observe((event: Y.YMapEvent<Y.Map<unknown>>) => {
    for (const [key, change] of event.changes.keys) {
      if (change.action === 'delete') continue;
      const map = shapes.get(key);
      if (map?.get('kind') === 'threat' && !map.get('num')) return schedule();
    }
  });
  // A threat could have been stored un-numbered (e.g. written while the server was down): fix on load.
  schedule();
}
