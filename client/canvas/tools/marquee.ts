import { boundsOf } from '../../../shared/model/geometry';
import { intersects, rectFromPoints } from '../camera';
import { beyondThreshold, type CanvasContext, type Gesture, type Pointer } from './context';

/** A selection box from a press on empty canvas; with Shift it adds to `base`, the selection before. */
export function marqueeGesture(ctx: CanvasContext, start: Pointer, base: ReadonlySet<string>): Gesture {
  const ed = ctx.editor;
  let moved = false;
  return {
    kind: 'marquee',
    pointerId: start.e.pointerId,
    move({ screen, world }) {
      if (!moved && !beyondThreshold(start.screen, screen)) return;
      moved = true;
      const rect = rectFromPoints(start.world, world);
      ctx.marquee.set(rect);
      const { byId } = ed.shapes.get();
      const hits = ed.visibleShapes().filter((s) => intersects(rect, boundsOf(s, byId)));
      ed.select([...base, ...hits.map((s) => s.id)]);
    },
    up() {
      ctx.marquee.set(null);
      // A click on empty canvas clears the selection (with Shift it keeps it).
      if (!moved && base.size === 0) ed.select([]);
    },
  };
}
