import { boardMaps, readShape } from '../../shared/model/board-doc';
import type { Shape } from '../../shared/model/schema';
import { afterFrames } from '../lib/later';
import type { ShapesStore } from '../model/shapes-store';
import type { BoardConnection } from './connect';
import { boardShown } from './status';

/** Frames the server's list stays on screen alone before the document is applied (about 80 ms). */
export const FIRST_FRAMES = 5;
/** The most shapes a first paint takes; a longer list is not drawn (the document still is). */
const MAX_SHAPES = 50_000;

/**
 * A board's first paint from the server's list of its shapes (prefetch.ts, `GET /api/boards/:id/shapes`)
 * instead of from its document. Applying a 2,000-note board's Yjs update with its history takes a few
 * hundred milliseconds on a cold page; the list is a JSON array the shapes store can show as it is. So
 * when the list arrives before the document, the store shows it (`preview`), the document's frames are
 * held until the list has been on screen for a few frames (`holdSync`), and the document then replaces
 * the list; shapes it holds unchanged keep their objects and are not drawn again. Until then the status
 * says `preview`: the canvas pans and zooms but takes no edits (there is no document to edit yet).
 *
 * The list is client input like the document: every entry goes through the shared schemas, and one that
 * fails is left out. When the document or this device's copy arrived first, the list is not used.
 */
export function paintFirst(shapes: Promise<unknown>, conn: BoardConnection, store: ShapesStore): () => void {
  let live = true;
  void shapes.then((body) => {
    if (!live || boardShown(conn.status.get()) || boardMaps(conn.doc).shapes.size > 0) return;
    const list = readList(body);
    if (!list || !store.preview(list)) return;
    conn.holdSync(afterFrames(FIRST_FRAMES, 1000));
    conn.status.set((s) => ({ ...s, preview: true }));
  });
  return () => {
    live = false;
  };
}

/** The valid shapes of a `BoardShapes` answer, or null for anything else. */
export function readList(body: unknown): Shape[] | null {
  const raw = typeof body === 'object' && body !== null ? (body as { shapes?: unknown }).shapes : undefined;
  if (!Array.isArray(raw) || raw.length > MAX_SHAPES) return null;
  const out: Shape[] = [];
  for (const entry of raw) {
    const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') continue;
    const r = readShape(entry, id);
    if (r.ok) out.push(r.value);
  }
  return out;
}
