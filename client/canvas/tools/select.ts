import { bendGesture } from './bend';
import { connectGesture } from './connect';
import type { Press } from './context';
import { dragGesture, type ClickAction } from './drag';
import { marqueeGesture } from './marquee';

/**
 * Select tool. A press on a connection handle draws a flow, on a bend handle of the selected flow moves
 * (or inserts) a bend, on a shape selects it and starts a drag, on empty canvas starts a selection box.
 */
export const pressSelect: Press = (ctx, p) => {
  const ed = ctx.editor;
  const { e, world } = p;
  if (ed.canEdit) {
    const handle = ctx.handleAt(world);
    if (handle) return connectGesture(ctx, p, handle);
    const fh = ctx.flowHandleAt(world);
    if (fh) {
      const flow = ed.shapes.get().byId.get(fh.flowId);
      if (flow?.kind === 'flow') return bendGesture(ctx, p, fh.flowId, fh.index, fh.insert, flow.bends);
    }
  }
  const hit = ctx.hitTest(world);
  const sel = ed.selection.get();
  if (!hit) return marqueeGesture(ctx, p, e.shiftKey ? sel : new Set());
  let onClick: ClickAction = 'none';
  if (e.shiftKey) {
    if (sel.has(hit)) onClick = 'toggle';
    else ed.select([...sel, hit]);
  } else if (!sel.has(hit)) ed.select([hit]);
  else if (sel.size > 1) onClick = 'selectOnly';
  return dragGesture(ctx, p, hit, onClick);
};
