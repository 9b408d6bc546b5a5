import type { Vec } from '../camera';
import type { Gesture, Pointer, Press } from './context';

/** Hand tool (also the middle and right buttons, Space held, and touch on empty canvas): drag pans. */
export const pressHand: Press = (ctx, p) => panGesture(ctx.editor.viewport, p);

export function panGesture(viewport: { pan(dx: number, dy: number): void }, start: Pointer): Gesture {
  let last: Vec = start.screen;
  return {
    kind: 'pan',
    pointerId: start.e.pointerId,
    move({ screen }) {
      viewport.pan(screen.x - last.x, screen.y - last.y);
      last = screen;
    },
    up() {},
  };
}
