import { addShape, addView, deleteView, moveView, newId, updateShape, updateView, zOnTop } from '../../../shared/model/board-doc';
import { boundsOf } from '../../../shared/model/geometry';
import type { Point, Stride, View } from '../../../shared/model/schema';
import { libraryEntry } from '../../../shared/threats/library';
import { placeNextTo, threatInput } from '../../../shared/threats/create';
import { LOCAL_ORIGIN, type Editor } from '../../editor/editor';
import { createStore, type Store } from '../../lib/store';

/**
 * The document actions the panels need, as one small surface over the Editor. Every change goes through
 * the shared typed accessors with LOCAL_ORIGIN (so the undo manager tracks it) and is wrapped in its own
 * undo step. Where the editor offers an action itself it is used, so canvas and panels behave alike.
 */
export interface ThreatRequest {
  stride: Stride;
  title?: string;
  description?: string;
  entryId?: string;
  elements?: string[];
  at?: Point;
}

type EditorExtras = Partial<{
  currentView: Store<string>;
  setView(id: string): void;
  createThreat(t: ThreatRequest): string | null;
  updateShape(id: string, patch: Record<string, unknown>): void;
  focusShape(id: string): void;
}>;

const fallbackViews = new WeakMap<Editor, Store<string>>();

function extras(editor: Editor): EditorExtras {
  return editor as unknown as EditorExtras;
}

/** The view the canvas shows. */
export function currentViewStore(editor: Editor): Store<string> {
  const own = extras(editor).currentView;
  if (own) return own;
  let s = fallbackViews.get(editor);
  if (!s) {
    s = createStore(editor.view as string);
    fallbackViews.set(editor, s);
  }
  return s;
}

export function setView(editor: Editor, id: string): void {
  const own = extras(editor).setView;
  if (own) own.call(editor, id);
  else {
    editor.select([]);
    currentViewStore(editor).set(id);
  }
}

/** One user action, one undo step. */
function step<T>(editor: Editor, fn: () => T): T {
  editor.beginGesture();
  try {
    return fn();
  } finally {
    editor.endGesture();
  }
}

export function patchShape(editor: Editor, id: string, patch: Record<string, unknown>): void {
  if (!editor.canEdit) return;
  const own = extras(editor).updateShape;
  try {
    if (own) own.call(editor, id, patch);
    else step(editor, () => updateShape(editor.doc, id, patch, LOCAL_ORIGIN));
  } catch (err) {
    // The controls bound every value, so this is a bug or a record changed under us: never crash the panel.
    console.warn('Threatboard: change not applied', err);
  }
}

export function focusShape(editor: Editor, id: string): void {
  const own = extras(editor).focusShape;
  if (own) own.call(editor, id);
  else editor.reveal(id);
}

/**
 * Create a threat note, prefilled from a library entry when given, next to the first element it concerns.
 * With `keepSelection` the selection stays as it was (adding several suggestions to one element in a row);
 * otherwise the new threat is selected.
 */
export function createThreat(editor: Editor, t: ThreatRequest, options: { keepSelection?: boolean } = {}): string | null {
  if (!editor.canEdit) return null;
  const before = [...editor.selection.get()];
  const id = createThreatNote(editor, t);
  if (id) editor.select(options.keepSelection ? before : [id]);
  return id || null;
}

function createThreatNote(editor: Editor, t: ThreatRequest): string | null {
  const own = extras(editor).createThreat;
  if (own) return own.call(editor, t);
  const { byId, list } = editor.shapes.get();
  const first = t.elements?.[0] ? byId.get(t.elements[0]) : undefined;
  const existing = first ? list.filter((s) => s.kind === 'threat' && s.elements.includes(first.id)).length : 0;
  const pos = t.at ?? (first ? placeNextTo(boundsOf(first, byId), existing) : editor.viewport.centreWorld());
  const view = first?.view ?? currentViewStore(editor).get();
  const id = newId();
  const entry = t.entryId ? libraryEntry(t.entryId) : undefined;
  step(editor, () =>
    addShape(
      editor.doc,
      threatInput({
        id,
        view,
        z: zOnTop(editor.doc),
        createdBy: editor.me.userId,
        pos: { x: Math.round(pos.x), y: Math.round(pos.y) },
        stride: t.stride,
        title: t.title,
        description: t.description,
        elements: t.elements,
        entry,
      }),
      LOCAL_ORIGIN,
    ),
  );
  return id;
}

// ── views ─────────────────────────────────────────────────────────────

export function createView(editor: Editor, kind: View['kind'], title: string): string | null {
  if (!editor.canEdit) return null;
  const id = newId();
  step(editor, () => addView(editor.doc, { id, kind, title }, LOCAL_ORIGIN));
  setView(editor, id);
  return id;
}

export function changeView(editor: Editor, id: string, patch: Partial<Pick<View, 'title' | 'kind' | 'description'>>): void {
  if (!editor.canEdit) return;
  step(editor, () => updateView(editor.doc, id, patch, LOCAL_ORIGIN));
}

/** Move a view one place left (-1) or right (+1) among `order` (ids in tab order). */
export function shiftView(editor: Editor, order: readonly string[], id: string, dir: -1 | 1): void {
  if (!editor.canEdit) return;
  const i = order.indexOf(id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return;
  const rest = order.filter((x) => x !== id);
  // After removing it, the new neighbours are at j-1 and j of the remaining list.
  const after = rest[j - 1] ?? null;
  const before = rest[j] ?? null;
  step(editor, () => moveView(editor.doc, id, after, before, LOCAL_ORIGIN));
}

/** Move a view to sit before `target` (drag and drop of tabs). */
export function moveViewBefore(editor: Editor, order: readonly string[], id: string, target: string | null): void {
  if (!editor.canEdit || id === target) return;
  const rest = order.filter((x) => x !== id);
  const k = target === null ? rest.length : rest.indexOf(target);
  if (k < 0) return;
  step(editor, () => moveView(editor.doc, id, rest[k - 1] ?? null, rest[k] ?? null, LOCAL_ORIGIN));
}

/** Delete a view and its shapes (one undo step). Switches to a neighbour first when it is the current one. */
export function removeView(editor: Editor, order: readonly string[], id: string): boolean {
  if (!editor.canEdit || order.length <= 1) return false;
  const current = currentViewStore(editor).get();
  if (current === id) {
    const i = order.indexOf(id);
    const next = order[i + 1] ?? order[i - 1];
    if (next) setView(editor, next);
  }
  return step(editor, () => deleteView(editor.doc, id, LOCAL_ORIGIN));
}
