import type { PlaceKind } from '../../editor/tools';
import { rectFromPoints } from '../camera';
import { beyondThreshold, type CanvasContext, type Gesture, type Pointer } from './context';

/** Smallest rectangle (screen pixels) a drag must draw; anything smaller counts as a click. */
const MIN_DRAWN_PX = 12;

/** Drawing a shape by its rectangle (the trust boundary): drag a box, or click for the default size. */
export function boundaryGesture(ctx: CanvasContext, start: Pointer, kind: PlaceKind): Gesture {
  let moved = false;
  return {
    kind: 'boundary',
    pointerId: start.e.pointerId,
    move({ screen, world }) {
      if (!moved && !beyondThreshold(start.screen, screen)) return;
      moved = true;
      ctx.draft.set(rectFromPoints(start.world, world));
    },
    up({ world }, released) {
      const r = ctx.draft.get();
      ctx.draft.set(null);
      if (!released) return;
      if (moved && r && r.w >= ctx.px(MIN_DRAWN_PX) && r.h >= ctx.px(MIN_DRAWN_PX)) ctx.editor.createShape(kind, world, { rect: r });
      else ctx.editor.createShape(kind, start.world);
    },
  };
}
