import type * as Y from 'yjs';
import { boardMaps, readShape } from '../model/board-doc';
import type { ParseResult, Shape } from '../model/schema';

/**
 * Change notifications for the board document, at record granularity, so a client can re-read only
 * the records a transaction touched (a 2,000-note board must not be re-parsed on every drag frame).
 * Additive helpers for the browser client; they keep raw Y.Map access inside shared/.
 */

/** Calls `onChange` with the ids of shapes added, removed or edited by each transaction. */
export function watchShapes(doc: Y.Doc, onChange: (ids: Set<string>, tx: Y.Transaction) => void): () => void {
  const { shapes } = boardMaps(doc);
  const handler = (events: Y.YEvent<any>[], tx: Y.Transaction) => {
    const ids = new Set<string>();
    for (const e of events) {
      if (e.target === shapes) {
        for (const key of (e as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
      } else {
        const first = e.path[0];
        if (typeof first === 'string') ids.add(first);
      }
    }
    if (ids.size > 0) onChange(ids, tx);
  };
  shapes.observeDeep(handler);
  return () => shapes.unobserveDeep(handler);
}

/** One shape, validated; null when there is no record with that id. */
export function readShapeById(doc: Y.Doc, id: string): ParseResult<Shape> | null {
  const raw = boardMaps(doc).shapes.get(id);
  return raw === undefined ? null : readShape(raw);
}

/** Calls `onChange` after every transaction that touches board metadata (title …). */
export function watchMeta(doc: Y.Doc, onChange: () => void): () => void {
  const { meta } = boardMaps(doc);
  const handler = () => onChange();
  meta.observeDeep(handler);
  return () => meta.unobserveDeep(handler);
}

/** Calls `onChange` after every transaction that touches the views (add, rename, reorder, delete). */
export function watchViews(doc: Y.Doc, onChange: () => void): () => void {
  const { views } = boardMaps(doc);
  const handler = () => onChange();
  views.observeDeep(handler);
  return () => views.unobserveDeep(handler);
}
