import { generateNKeysBetween } from 'fractional-indexing';
import { zOnTop } from '../../../shared/model/board-doc';
import { LOCAL_ORIGIN } from '../undo';
import type { ActionContext } from './context';

/** `n` ascending z keys above every shape, or below every shape. */
export function zKeys(ctx: ActionContext, n: number, where: 'top' | 'bottom'): string[] {
  let min: string | null = null;
  let max: string | null = null;
  for (const s of ctx.scene.get().list) {
    if (min === null || s.z < min) min = s.z;
    if (max === null || s.z > max) max = s.z;
  }
  try {
    return where === 'top' ? generateNKeysBetween(max, null, n) : generateNKeysBetween(null, min, n);
  } catch {
    // A corrupt key from another client must not stop anyone reordering.
    return generateNKeysBetween(where === 'top' ? zOnTop(ctx.doc) : null, null, n);
  }
}

/** Bring the selection to the front or send it to the back, keeping its own order. */
export function reorderSelected(ctx: ActionContext, where: 'front' | 'back'): void {
  const { live } = ctx;
  if (!live.canEdit) return;
  const sel = ctx.session.selection.get();
  const chosen = ctx.scene.get().list.filter((s) => sel.has(s.id) && !live.isLocked(s));
  if (chosen.length === 0) return;
  const keys = zKeys(ctx, chosen.length, where === 'front' ? 'top' : 'bottom');
  ctx.undo.act(() =>
    ctx.doc.transact(() => {
      chosen.forEach((s, i) => live.write(s.id, { z: keys[i]! }));
    }, LOCAL_ORIGIN),
  );
}
