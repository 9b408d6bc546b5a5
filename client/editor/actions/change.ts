import { isBoxed } from '../../../shared/model/geometry';
import { noteToThreat, replaceShape, threatToNote } from '../../../shared/model/convert';
import type { NoteColor, Shape, Stride } from '../../../shared/model/schema';
import type { Rect, Vec } from '../../canvas/camera';
import { TEXT_FIELD } from '../kinds';
import { LOCAL_ORIGIN } from '../undo';
import { roundVec, type ActionContext } from './context';
import { MIN_BOUNDARY } from './create';

/** Smallest size a diagram shape can be resized to; boundaries may be any size. */
export const MIN_SIZE = { w: 40, h: 30 };

/** Snapshots of the shapes a drag moves, taken when it starts. */
export type MoveOrigins = Map<string, Shape>;

/**
 * What moves when `ids` are dragged: the boxed shapes, and the bend points and free ends of flows
 * that are selected or whose two ends both move (so a moved group keeps its shape).
 */
export function moveSet(ctx: ActionContext, ids: Iterable<string>): MoveOrigins {
  const { byId, list } = ctx.scene.get();
  const { live } = ctx;
  const out: MoveOrigins = new Map();
  for (const id of ids) {
    const s = byId.get(id);
    if (s && !live.isLocked(s)) out.set(id, s);
  }
  for (const s of list) {
    if (s.kind === 'flow' && !out.has(s.id) && !live.isLocked(s) && s.from && s.to && out.has(s.from) && out.has(s.to) && s.bends.length) out.set(s.id, s);
  }
  return out;
}

/** Write the shapes of `origins` moved by (dx, dy); called at most once per animation frame during a drag. */
export function moveBy(ctx: ActionContext, origins: MoveOrigins, dx: number, dy: number): void {
  const { live } = ctx;
  if (!live.canEdit || origins.size === 0) return;
  const d = (p: Vec) => ({ x: Math.round(p.x + dx), y: Math.round(p.y + dy) });
  ctx.doc.transact(() => {
    const boxes = new Map<string, Vec>();
    for (const [id, s] of origins) {
      if (live.isLocked(s)) continue;
      if (s.kind === 'flow') {
        const patch: Record<string, unknown> = {};
        if (s.bends.length) patch.bends = s.bends.map(d);
        if (!s.from) patch.fromPt = d(s.fromPt);
        if (!s.to) patch.toPt = d(s.toPt);
        if (Object.keys(patch).length) live.write(id, patch);
      } else boxes.set(id, d(s.pos));
    }
    live.move(boxes);
  }, LOCAL_ORIGIN);
}

/** Write new positions of boxed shapes. */
export function moveTo(ctx: ActionContext, positions: ReadonlyMap<string, Vec>): void {
  const { live } = ctx;
  if (!live.canEdit || positions.size === 0) return;
  const moves = new Map<string, Vec>();
  for (const [id, pos] of positions) if (live.canChange(id)) moves.set(id, roundVec(pos));
  ctx.doc.transact(() => live.move(moves), LOCAL_ORIGIN);
}

/** Move the selection by a few pixels (arrow keys), as one undo step. */
export function nudge(ctx: ActionContext, dx: number, dy: number): void {
  const origins = moveSet(ctx, ctx.session.selection.get());
  ctx.undo.act(() => moveBy(ctx, origins, dx, dy));
}

/** Resize boxed shapes to new rectangles (from the resize handles), as one undo step. */
export function resize(ctx: ActionContext, rects: ReadonlyMap<string, Rect>): void {
  const { live } = ctx;
  if (!live.canEdit || rects.size === 0) return;
  const { byId } = ctx.scene.get();
  ctx.undo.act(() =>
    ctx.doc.transact(() => {
      for (const [id, r] of rects) {
        const s = byId.get(id);
        if (!s || !isBoxed(s) || live.isLocked(s)) continue;
        const min = s.kind === 'boundary' ? { w: MIN_BOUNDARY, h: MIN_BOUNDARY } : MIN_SIZE;
        live.write(id, { pos: roundVec(r), size: { w: Math.max(min.w, Math.round(r.w)), h: Math.max(min.h, Math.round(r.h)) } });
      }
    }, LOCAL_ORIGIN),
  );
}

/** Replace a flow's bend points; during a bend drag (no undo step of its own: see Undo.boundary). */
export function setBends(ctx: ActionContext, id: string, bends: readonly Vec[]): void {
  if (!ctx.live.canChange(id)) return;
  ctx.live.write(id, { bends: bends.map(roundVec) });
}

/** Remove one bend point of a flow, as one undo step. */
export function removeBend(ctx: ActionContext, id: string, index: number): void {
  const s = ctx.scene.get().byId.get(id);
  if (s?.kind !== 'flow' || !ctx.live.canChange(id)) return;
  ctx.undo.act(() => setBends(ctx, id, s.bends.filter((_, i) => i !== index)));
}

/** Attach threats to an element (used when threat notes are dropped on it). Part of the running gesture. */
export function attachThreats(ctx: ActionContext, threatIds: Iterable<string>, elementId: string): number {
  if (!ctx.live.canEdit) return 0;
  const { byId } = ctx.scene.get();
  let n = 0;
  ctx.doc.transact(() => {
    for (const id of threatIds) {
      const t = byId.get(id);
      if (t?.kind !== 'threat' || t.elements.includes(elementId)) continue;
      ctx.live.write(id, { elements: [...t.elements, elementId] });
      n++;
    }
  }, LOCAL_ORIGIN);
  return n;
}

/** Set the text field of a shape (note/text: text, threat: title, others: label). */
export function setText(ctx: ActionContext, id: string, text: string): void {
  if (!ctx.live.canChange(id)) return;
  const s = ctx.scene.get().byId.get(id);
  if (!s) return;
  const field = TEXT_FIELD[s.kind];
  if ((s as Record<string, unknown>)[field] === text) return;
  ctx.undo.act(() => ctx.live.write(id, { [field]: text }));
}

export function setColor(ctx: ActionContext, ids: Iterable<string>, color: NoteColor): void {
  if (!ctx.live.canEdit) return;
  const { byId } = ctx.scene.get();
  const list = [...ids].filter((id) => byId.get(id)?.kind === 'note');
  ctx.undo.act(() =>
    ctx.doc.transact(() => {
      for (const id of list) ctx.live.write(id, { color });
    }, LOCAL_ORIGIN),
  );
}

/** Change fields of one shape, as one undo step. Returns false when the change is not valid. */
export function updateShape(ctx: ActionContext, id: string, patch: Partial<Record<string, unknown>>): boolean {
  if (!ctx.live.canChange(id)) return false;
  try {
    return ctx.undo.act(() => ctx.live.write(id, patch));
  } catch (e) {
    console.warn(e);
    return false;
  }
}

/**
 * Turn a plain note into a threat of the STRIDE category `to`, or a threat back into a note (`to` =
 * 'note'), keeping its id, place and text; one undo step. Hidden brainstorm notes stay notes until revealed.
 */
export function convertShape(ctx: ActionContext, id: string, to: Stride | 'note'): boolean {
  const s = ctx.scene.get().byId.get(id);
  if (!s || !ctx.live.canChange(id) || ctx.live.isHidden(id)) return false;
  const input = s.kind === 'note' && to !== 'note' ? noteToThreat(s, to) : s.kind === 'threat' && to === 'note' ? threatToNote(s) : null;
  if (!input) return false;
  ctx.undo.act(() => replaceShape(ctx.doc, input, LOCAL_ORIGIN));
  return true;
}
