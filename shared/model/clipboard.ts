import { flowPoints, type ShapeIndex } from './geometry';
import { parseWith, Shape, type Point } from './schema';

/**
 * Copy and paste of shapes, as pure functions so duplicate, copy/paste within a board and paste into
 * another board all follow one set of rules:
 *  - a copy holds the selected records plus every flow whose two ends are both copied;
 *  - a copied flow end whose element is not copied becomes a free end where it was drawn;
 *  - a paste gets fresh ids, re-points flow ends and threat elements to the copies, lands in the target
 *    view, and leaves threats un-numbered (`num: 0`) so the server gives them new T-numbers.
 */
export const CLIPBOARD_TYPE = 'threatboard/shapes';
export const CLIPBOARD_VERSION = 1;

export interface ClipboardPayload {
  type: typeof CLIPBOARD_TYPE;
  v: number;
  shapes: Shape[];
}

/** The records to copy for a selection, in z order. */
export function copyRecords(selected: Iterable<string>, index: ShapeIndex): Shape[] {
  const ids = new Set<string>();
  for (const id of selected) if (index.has(id)) ids.add(id);
  for (const s of index.values()) {
    if (s.kind === 'flow' && s.from && s.to && ids.has(s.from) && ids.has(s.to)) ids.add(s.id);
  }
  const out: Shape[] = [];
  for (const id of ids) {
    const s = index.get(id)!;
    if (s.kind !== 'flow') {
      out.push(s);
      continue;
    }
    const pts = flowPoints(s, index);
    const start = pts[0]!;
    const end = pts[pts.length - 1]!;
    const fromKept = s.from !== null && ids.has(s.from);
    const toKept = s.to !== null && ids.has(s.to);
    out.push({
      ...s,
      from: fromKept ? s.from : null,
      to: toKept ? s.to : null,
      fromPt: fromKept ? s.fromPt : round(start),
      toPt: toKept ? s.toPt : round(end),
    });
  }
  return out.sort((a, b) => (a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : 1));
}

export function clipboardPayload(shapes: Shape[]): ClipboardPayload {
  return { type: CLIPBOARD_TYPE, v: CLIPBOARD_VERSION, shapes };
}

/**
 * Read a clipboard text written by `clipboardPayload` (possibly by another version, or by anyone: the
 * system clipboard is outside our control). Invalid records are dropped; null when it is not ours.
 */
export function parseClipboard(text: string | null | undefined): Shape[] | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const p = raw as Partial<ClipboardPayload>;
  if (p.type !== CLIPBOARD_TYPE || !Array.isArray(p.shapes)) return null;
  const out: Shape[] = [];
  for (const r of p.shapes.slice(0, 5000)) {
    const parsed = parseWith(Shape, r);
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

export interface PasteOptions {
  /** View the copies go to. */
  view: string;
  /** Added to every position. */
  offset: Point;
  /** One z key per record, ascending (the records keep their relative order). */
  zKeys: readonly string[];
  newId: () => string;
  createdBy: string;
  now: number;
  /** Shapes of the target board, to keep threat links to elements that were not copied. */
  target: ShapeIndex;
}

/** The records to add for a paste: fresh ids, remapped references, moved by `offset`. */
export function pasteRecords(records: readonly Shape[], o: PasteOptions): Shape[] {
  const ids = new Map<string, string>();
  for (const r of records) ids.set(r.id, o.newId());
  const move = (p: Point): Point => ({ x: Math.round(p.x + o.offset.x), y: Math.round(p.y + o.offset.y) });
  return records.map((r, i): Shape => {
    const base = { id: ids.get(r.id)!, view: o.view, z: o.zKeys[i] ?? r.z, createdBy: o.createdBy, createdAt: o.now };
    switch (r.kind) {
      case 'flow': {
        const from = r.from ? (ids.get(r.from) ?? null) : null;
        const to = r.to ? (ids.get(r.to) ?? null) : null;
        return { ...r, ...base, from, to, fromPt: move(r.fromPt), toPt: move(r.toPt), bends: r.bends.map(move) };
      }
      case 'threat': {
        const elements = r.elements.flatMap((id) => {
          const copy = ids.get(id);
          if (copy) return [copy];
          const t = o.target.get(id);
          return t && t.view === o.view ? [id] : [];
        });
        return { ...r, ...base, pos: move(r.pos), elements, num: 0 };
      }
      default:
        return { ...r, ...base, pos: move(r.pos) };
    }
  });
}

function round(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
