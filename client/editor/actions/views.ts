import { addView, deleteView, moveView, newId, setTitle, updateView } from '../../../shared/model/board-doc';
import type { View } from '../../../shared/model/schema';
import { LOCAL_ORIGIN } from '../undo';
import type { ActionContext } from './context';

/** Views (diagrams) of the board: add, rename, reorder, delete — each one undo step, none for viewers. */

/** Rename the board (not an undo step: only facilitators may, and the server reverts anyone else). */
export function renameBoard(ctx: ActionContext, title: string): void {
  setTitle(ctx.doc, title);
}

export function createView(ctx: ActionContext, kind: View['kind'], title: string): string | null {
  if (!ctx.live.canEdit) return null;
  const id = newId();
  ctx.undo.act(() => addView(ctx.doc, { id, kind, title }, LOCAL_ORIGIN));
  ctx.session.setView(id);
  return id;
}

export function changeView(ctx: ActionContext, id: string, patch: Partial<Pick<View, 'title' | 'kind' | 'description'>>): void {
  if (!ctx.live.canEdit) return;
  ctx.undo.act(() => updateView(ctx.doc, id, patch, LOCAL_ORIGIN));
}

/** Move a view one place left (-1) or right (+1) among `order` (ids in tab order). */
export function shiftView(ctx: ActionContext, order: readonly string[], id: string, dir: -1 | 1): void {
  if (!ctx.live.canEdit) return;
  const i = order.indexOf(id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return;
  const rest = order.filter((x) => x !== id);
  // After removing it, the new neighbours are at j-1 and j of the remaining list.
  ctx.undo.act(() => moveView(ctx.doc, id, rest[j - 1] ?? null, rest[j] ?? null, LOCAL_ORIGIN));
}

/** Move a view to sit before `target` (drag and drop of tabs). */
export function moveViewBefore(ctx: ActionContext, order: readonly string[], id: string, target: string | null): void {
  if (!ctx.live.canEdit || id === target) return;
  const rest = order.filter((x) => x !== id);
  const k = target === null ? rest.length : rest.indexOf(target);
  if (k < 0) return;
  ctx.undo.act(() => moveView(ctx.doc, id, rest[k - 1] ?? null, rest[k] ?? null, LOCAL_ORIGIN));
}

/** Delete a view and its shapes (one undo step). Switches to a neighbour first when it is the current one. */
export function removeView(ctx: ActionContext, order: readonly string[], id: string): boolean {
  if (!ctx.live.canEdit || order.length <= 1) return false;
  if (ctx.session.view === id) {
    const i = order.indexOf(id);
    const next = order[i + 1] ?? order[i - 1];
    if (next) ctx.session.setView(next);
  }
  return ctx.undo.act(() => deleteView(ctx.doc, id, LOCAL_ORIGIN));
}
