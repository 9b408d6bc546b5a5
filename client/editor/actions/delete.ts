import { centerOf, isBoxed, rectOf } from '../../../shared/model/geometry';
import { LOCAL_ORIGIN } from '../undo';
import { roundVec, type ActionContext } from './context';

/**
 * Delete shapes as one undo step. Flows that pointed at a deleted element keep their line: that end
 * becomes free at the element's centre; threats forget the deleted elements. Undo restores all of it.
 */
export function deleteIds(ctx: ActionContext, requested: readonly string[]): void {
  const { live } = ctx;
  const ids = requested.filter((id) => live.canChange(id));
  if (!live.canEdit || ids.length === 0) return;
  const { byId, list } = ctx.scene.get();
  const doomed = new Set(ids);
  const centre = (id: string) => {
    const s = byId.get(id);
    return s && isBoxed(s) ? roundVec(centerOf(rectOf(s))) : null;
  };
  ctx.undo.act(() =>
    ctx.doc.transact(() => {
      for (const s of list) {
        if (doomed.has(s.id)) continue;
        if (s.kind === 'flow') {
          const patch: Record<string, unknown> = {};
          if (s.from && doomed.has(s.from)) {
            patch.from = null;
            patch.fromPt = centre(s.from) ?? s.fromPt;
          }
          if (s.to && doomed.has(s.to)) {
            patch.to = null;
            patch.toPt = centre(s.to) ?? s.toPt;
          }
          if (Object.keys(patch).length) live.write(s.id, patch);
        } else if (s.kind === 'threat' && s.elements.some((e) => doomed.has(e))) {
          live.write(s.id, { elements: s.elements.filter((e) => !doomed.has(e)) });
        }
      }
      live.remove(ids);
    }, LOCAL_ORIGIN),
  );
}

/** Delete the selection (see `deleteIds`). */
export function deleteSelected(ctx: ActionContext): void {
  const { session } = ctx;
  const ids = [...session.selection.get()];
  if (!ctx.live.canEdit || ids.length === 0) return;
  session.editing.set(null);
  deleteIds(ctx, ids);
  session.selection.set(new Set());
}
