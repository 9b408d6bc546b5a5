import { newId, zOnTop } from '../../../shared/model/board-doc';
import { hitTest, isBoxed, centerOf, rectOf } from '../../../shared/model/geometry';
import { NOTE_SIZE, type ShapeInput, type Stride } from '../../../shared/model/schema';
import { placeThreatNote } from '../../../shared/model/placement';
import type { LibraryEntry } from '../../../shared/threats/library';
import { threatInput } from '../../../shared/threats/create';
import { isDfdElement } from '../../../shared/threats/stride';
import type { Rect, Vec } from '../../canvas/camera';
import { PLACE_SIZE, type PlaceKind } from '../tools';
import { roundVec, type ActionContext } from './context';

/** Smallest size a trust boundary can be drawn or resized to. */
export const MIN_BOUNDARY = 8;

/** Repeated creation at one spot cascades instead of stacking shapes exactly on top of each other. */
function freeSpot(ctx: ActionContext, p: Vec): Vec {
  const taken = new Set(ctx.session.visibleShapes().map((s) => (isBoxed(s) ? `${s.pos.x},${s.pos.y}` : '')));
  let q = { x: Math.round(p.x), y: Math.round(p.y) };
  for (let i = 0; i < 50 && taken.has(`${q.x},${q.y}`); i++) q = { x: q.x + 24, y: q.y + 24 };
  return q;
}

/** Add a new record as one undo step, select it, back to the select tool, open its text editor. */
function added(ctx: ActionContext, input: ShapeInput, edit: boolean | undefined): string {
  ctx.undo.act(() => ctx.live.add(input));
  const { session } = ctx;
  session.selection.set(new Set([input.id]));
  session.tool.set('select');
  if (edit !== false) session.editing.set(input.id);
  return input.id;
}

/** Add a note centred on `at` (world), select it and open its text editor. */
export function createNote(ctx: ActionContext, at: Vec, options: { edit?: boolean } = {}): string | null {
  if (!ctx.live.canEdit) return null;
  const pos = freeSpot(ctx, { x: Math.round(at.x - NOTE_SIZE.w / 2), y: Math.round(at.y - NOTE_SIZE.h / 2) });
  const input = { kind: 'note', id: newId(), view: ctx.session.view, z: zOnTop(ctx.doc), pos, createdBy: ctx.me.userId, createdAt: Date.now() } as const;
  return added(ctx, input, options.edit);
}

/**
 * Place a diagram shape: centred on `at` at its default size, or filling `rect` (a boundary drawn by
 * dragging). Selects it and opens its label editor; the tool returns to select.
 */
export function createShape(ctx: ActionContext, kind: PlaceKind, at: Vec, options: { rect?: Rect; edit?: boolean } = {}): string | null {
  if (!ctx.live.canEdit) return null;
  if (kind === 'note') return createNote(ctx, at, options);
  if (ctx.live.viewLocked()) {
    ctx.session.tool.set('select');
    return null;
  }
  const { rect } = options;
  const size = rect ? { w: Math.max(MIN_BOUNDARY, Math.round(rect.w)), h: Math.max(MIN_BOUNDARY, Math.round(rect.h)) } : PLACE_SIZE[kind];
  const pos = rect ? roundVec(rect) : freeSpot(ctx, { x: Math.round(at.x - size.w / 2), y: Math.round(at.y - size.h / 2) });
  const base = { id: newId(), view: ctx.session.view, z: zOnTop(ctx.doc), pos, size, createdBy: ctx.me.userId, createdAt: Date.now() };
  return added(ctx, { kind, ...base } as ShapeInput, options.edit);
}

/** A data flow from one element to another (empty label, no protocol); opens its label editor. */
export function createFlow(ctx: ActionContext, from: string, to: string, options: { edit?: boolean } = {}): string | null {
  if (!ctx.live.canEdit || from === to) return null;
  const { byId } = ctx.scene.get();
  const a = byId.get(from);
  const b = byId.get(to);
  if (!a || !b || !isBoxed(a) || !isBoxed(b) || a.view !== b.view || ctx.live.viewLocked(a.view)) return null;
  const input: ShapeInput = {
    kind: 'flow',
    id: newId(),
    view: a.view,
    z: zOnTop(ctx.doc),
    from,
    to,
    fromPt: roundVec(centerOf(rectOf(a))),
    toPt: roundVec(centerOf(rectOf(b))),
    label: '',
    protocol: '',
    createdBy: ctx.me.userId,
    createdAt: Date.now(),
  };
  return added(ctx, input, options.edit);
}

export interface ThreatOptions {
  stride: Stride;
  title?: string;
  description?: string;
  entry?: LibraryEntry;
  elements?: string[];
  at?: Vec;
  /** Leave the selection as it was (adding several suggestions to one element in a row). */
  keepSelection?: boolean;
}

/**
 * Create a threat note (one undo step) and select it. It goes beside its first element in free space
 * (shared/model/placement.ts); without elements at `at`, else in the middle of the window.
 */
export function createThreat(ctx: ActionContext, opts: ThreatOptions): string {
  if (!ctx.live.canEdit) return '';
  const { session } = ctx;
  const { byId, list } = ctx.scene.get();
  const elements = (opts.elements ?? []).filter((id) => byId.has(id));
  const first = elements.length ? byId.get(elements[0]!) : undefined;
  const id = newId();
  let pos: Vec | null = null;
  let view = session.view;
  if (first) {
    view = first.view;
    pos = placeThreatNote(id, first.id, list.filter((s) => s.view === view));
  }
  if (!pos) {
    const c = opts.at ?? session.pointer ?? session.viewport.centreWorld();
    pos = freeSpot(ctx, { x: c.x - NOTE_SIZE.w / 2, y: c.y - NOTE_SIZE.h / 2 });
  }
  const input = threatInput({
    id,
    view,
    z: zOnTop(ctx.doc),
    createdBy: ctx.me.userId,
    pos: roundVec(pos),
    stride: opts.stride,
    title: opts.title,
    description: opts.description,
    elements,
    entry: opts.entry,
  });
  const before = [...session.selection.get()];
  ctx.undo.act(() => ctx.live.add(input));
  if (view !== session.view) session.setView(view);
  session.select(opts.keepSelection ? before : [id]);
  return id;
}

/**
 * A library entry dropped on the canvas at world point `at`: a threat attached to the element under
 * the point when the entry applies to that kind of element, otherwise a free threat at the point.
 */
export function dropLibraryEntry(ctx: ActionContext, entry: LibraryEntry, at: Vec, tolerance = 6): string | null {
  if (!ctx.live.canEdit) return null;
  const elements = ctx.session.visibleShapes().filter(isDfdElement);
  const hit = hitTest(elements, at, tolerance);
  const attach = hit && (entry.appliesTo as string[]).includes(hit.kind);
  return createThreat(ctx, { stride: entry.stride, entry, elements: attach ? [hit.id] : [], at });
}
