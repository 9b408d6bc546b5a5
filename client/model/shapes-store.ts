import type * as Y from 'yjs';
import { boardMaps, byZ, readShape } from '../../shared/model/board-doc';
import { placed, positionLog, readPositions } from '../../shared/model/positions';
import type { Shape } from '../../shared/model/schema';
import type { Point } from '../../shared/model/shapes/common';
import { RecordsStore, type RecordsSnapshot } from '../lib/y-store';

/** Valid shapes of every view in z order, by id, and the records that failed validation. */
export type ShapesSnapshot = RecordsSnapshot<Shape>;

/**
 * Parsed shapes of a board document, placed from the position log (shared/model/positions.ts). Each
 * transaction re-reads only the records it touched, and the shapes whose position in the log changed;
 * a drag (same z) patches the list in place instead of sorting 2,000 shapes again.
 */
export class ShapesStore extends RecordsStore<Shape> {
  private readonly log: Y.Array<unknown>;
  private readonly at: { positions: Map<string, Point> };
  private readonly onLog: (e: Y.YArrayEvent<unknown>, tr: Y.Transaction) => void;

  constructor(doc: Y.Doc) {
    const at = { positions: readPositions(doc) };
    super(boardMaps(doc).shapes, {
      parse: (raw, id) => {
        const r = readShape(raw, id);
        return r.ok ? { ok: true, value: placed(r.value, at.positions) } : r;
      },
      compare: byZ,
      samePlace: (a, b) => a.z === b.z,
    });
    this.at = at;
    this.log = positionLog(doc);
    const shapes = boardMaps(doc).shapes;
    // Yjs calls this (an `observe`) before the records' `observeDeep` handler of the same transaction: the
    // records that transaction touched are parsed there, already with the new positions, so not here too
    // (opening a board would parse every record twice).
    this.onLog = (_e, tr) => {
      const next = readPositions(doc);
      const touched = new Set<string>();
      for (const [type, keys] of tr.changed) {
        if ((type as unknown) === shapes) for (const k of keys) if (k !== null) touched.add(k);
        const item = type._item;
        if (item && (item.parent as unknown) === shapes && item.parentSub !== null) touched.add(item.parentSub);
      }
      const moved = new Set<string>();
      for (const [id, p] of next) {
        const q = at.positions.get(id);
        if ((!q || q.x !== p.x || q.y !== p.y) && !touched.has(id)) moved.add(id);
      }
      for (const id of at.positions.keys()) if (!next.has(id) && !touched.has(id)) moved.add(id);
      at.positions = next;
      // Ids of the log that are no shape (an entry whose shape was deleted meanwhile) are skipped there.
      this.refresh(moved);
    };
    this.log.observe(this.onLog);
  }

  override destroy(): void {
    this.log.unobserve(this.onLog);
    super.destroy();
  }
}
