import type { Vec } from '../camera';
import { beyondThreshold, type CanvasContext, type Gesture, type Pointer } from './context';

/**
 * Moving a bend point of the selected flow, or (`insert`) dragging a segment's midpoint, which inserts
 * a bend there once the pointer has moved. One undo step; one document write per frame.
 */
export function bendGesture(ctx: CanvasContext, start: Pointer, flowId: string, index: number, insert: boolean, initial: readonly Vec[]): Gesture {
  const ed = ctx.editor;
  const bends = initial.map((p) => ({ ...p }));
  let moved = false;
  return {
    kind: 'bend',
    pointerId: start.e.pointerId,
    move({ screen, world }) {
      if (!moved) {
        if (!beyondThreshold(start.screen, screen)) return;
        moved = true;
        ed.beginGesture();
        if (insert) bends.splice(index, 0, world);
      }
      bends[index] = world;
      const next = [...bends];
      ctx.schedule(() => ed.setBends(flowId, next));
    },
    up() {
      if (!moved) return;
      ctx.flush();
      ed.endGesture();
    },
  };
}
