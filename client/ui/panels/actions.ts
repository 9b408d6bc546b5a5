import { addView, deleteView, moveView, newId, updateView } from '../../../shared/model/board-doc';
import { noteToThreat, replaceShape, threatToNote } from '../../../shared/model/convert';
import type { Point, Stride, View } from '../../../shared/model/schema';
import { LOCAL_ORIGIN, type Editor } from '../../editor/editor';
import type { Store } from '../../lib/store';
import type { LibraryEntry } from '../../../shared/threats/library';

/**
 * The document actions the panels need, as one small surface over the Editor: shape changes go through
 * the editor (so canvas and panels behave alike), view changes through the shared typed accessors with
 * LOCAL_ORIGIN (so the undo manager tracks them), each as its own undo step.
 */
export interface ThreatRequest {
  stride: Stride;
  title?: string;
  description?: string;
  /** A library entry to prefill from (the library's chunk is loaded by whoever offers it). */
  entry?: LibraryEntry;
  elements?: string[];
  at?: Point;
}

/** The view the canvas shows. */
export function currentViewStore(editor: Editor): Store<string> {
  return editor.currentView;
}

export function setView(editor: Editor, id: string): void {
  editor.setView(id);
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
  editor.updateShape(id, patch);
}

/** Keyboard focus to the canvas (its selection is what the keys act on). */
export function focusCanvas(): void {
  document.querySelector<HTMLElement>('.canvas-host[role="application"]')?.focus({ preventScroll: true });
}

export function focusShape(editor: Editor, id: string): void {
  editor.focusShape(id);
}

/**
 * Create a threat note, prefilled from a library entry when given, next to the first element it concerns.
 * With `keepSelection` the selection stays as it was (adding several suggestions to one element in a row);
 * otherwise the new threat is selected.
 */
export function createThreat(editor: Editor, t: ThreatRequest, options: { keepSelection?: boolean } = {}): string | null {
  if (!editor.canEdit) return null;
  const before = [...editor.selection.get()];
  const id = editor.createThreat(t);
  if (id && options.keepSelection) editor.select(before);
  return id || null;
}

/**
 * Turn a plain note into a threat of the STRIDE category `to`, or a threat back into a note (`to` =
 * 'note'), keeping its id, place and text; one undo step. Hidden brainstorm notes stay notes until revealed.
 */
export function convertShape(editor: Editor, id: string, to: Stride | 'note'): boolean {
  const s = editor.shapes.get().byId.get(id);
  if (!s || !editor.canChange(id) || editor.isHidden(id)) return false;
  const input = s.kind === 'note' && to !== 'note' ? noteToThreat(s, to) : s.kind === 'threat' && to === 'note' ? threatToNote(s) : null;
  if (!input) return false;
  step(editor, () => replaceShape(editor.doc, input, LOCAL_ORIGIN));
  return true;
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
