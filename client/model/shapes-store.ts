import type * as Y from 'yjs';
import { boardMaps, byZ, readShape } from '../../shared/model/board-doc';
import type { Shape } from '../../shared/model/schema';
import { RecordsStore, type RecordsSnapshot } from '../lib/y-store';

/** Valid shapes of every view in z order, by id, and the records that failed validation. */
export type ShapesSnapshot = RecordsSnapshot<Shape>;

/**
 * Parsed shapes of a board document. Each transaction re-reads only the records it touched; a drag
 * (same z) patches the list in place instead of sorting 2,000 shapes again.
 */
export class ShapesStore extends RecordsStore<Shape> {
  constructor(doc: Y.Doc) {
    super(boardMaps(doc).shapes, { parse: (raw, id) => readShape(raw, id), compare: byZ, samePlace: (a, b) => a.z === b.z });
  }
}
