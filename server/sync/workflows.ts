import type * as Y from 'yjs';
import { boardMaps } from '../../shared/model/board-doc';
import { numberThreats } from '../../shared/threats/numbering';
import type { Room } from './room';

/**
 * Server-side behaviour of a board document: numbering new threats (T-1, T-2 …). The server sees every
 * update of a room in order, so it is the one place that can hand out numbers without clashes.
 * Numbering runs in a microtask after the transaction that added a threat, as the server's own update.
 */
export function attachBoardWorkflows(room: Room): void {
  const { shapes } = boardMaps(room.doc);
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
