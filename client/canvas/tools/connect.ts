import { connectable } from '../../editor/tools';
import type { CanvasContext, Gesture, Pointer, Press } from './context';

/** Flow tool: press on an element and drag to another to connect them. */
export const pressFlow: Press = (ctx, p) => {
  const from = ctx.hitTest(p.world, (s) => connectable(s.kind));
  return from ? connectGesture(ctx, p, from) : null;
};

/** Drawing a data flow from `from` (also started from a connection handle with the select tool). */
export function connectGesture(ctx: CanvasContext, start: Pointer, from: string): Gesture {
  ctx.handlesFor.set(null);
  ctx.connect.set({ from, to: start.world, target: null });
  return {
    kind: 'connect',
    pointerId: start.e.pointerId,
    move({ world }) {
      const target = ctx.hitTest(world, (s) => connectable(s.kind) && s.id !== from);
      ctx.connect.set({ from, to: world, target });
    },
    up(_p, released) {
      const preview = ctx.connect.get();
      ctx.connect.set(null);
      if (released && preview?.target) ctx.editor.createFlow(from, preview.target);
    },
  };
}
