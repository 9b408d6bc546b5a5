import type { MoveOrigins } from '../../editor/actions';
import { isElementKind } from '../../../shared/model/shapes/index';
import { beyondThreshold, NOTHING, type CanvasContext, type Gesture, type Pointer } from './context';

/** What a press without movement does to the selection when released. */
export type ClickAction = 'none' | 'selectOnly' | 'toggle';

/**
 * Moving the selection, started by a press on shape `clickedId`. Nothing moves until the pointer leaves
 * the drag threshold; then the whole move is one undo step, written once per frame. Threat notes in the
 * selection dropped on an element or flow attach to it, in that same undo step.
 */
export function dragGesture(ctx: CanvasContext, start: Pointer, clickedId: string, onClick: ClickAction): Gesture {
  const ed = ctx.editor;
  let origins: MoveOrigins | null = null;
  let threats: string[] = [];
  return {
    kind: 'drag',
    pointerId: start.e.pointerId,
    move({ screen, world }) {
      if (!ed.canEdit) return;
      if (!origins) {
        if (!beyondThreshold(start.screen, screen)) return;
        ed.beginGesture();
        ctx.handlesFor.set(null);
        origins = ed.moveSet(ed.selection.get());
        threats = [...origins.values()].filter((s) => s.kind === 'threat').map((s) => s.id);
        ctx.dragging.set(ctx.movingIds(origins));
      }
      const moving = origins;
      const dx = world.x - start.world.x;
      const dy = world.y - start.world.y;
      ctx.schedule(() => ed.moveBy(moving, dx, dy));
      if (threats.length) {
        ctx.dropTarget.set(ctx.hitTest(world, (s) => isElementKind(s.kind) && !moving.has(s.id)));
      }
    },
    up(_p, released) {
      if (origins) {
        ctx.flush();
        const target = ctx.dropTarget.get();
        // In the same undo step as the move: one undo puts the note back, detached.
        if (target && threats.length && released) ed.attachThreats(threats, target);
        ed.endGesture();
        ctx.dragging.set(NOTHING);
        ctx.dropTarget.set(null);
      } else if (onClick === 'toggle') ed.toggleSelected(clickedId);
      else if (onClick === 'selectOnly') ed.select([clickedId]);
    },
  };
}
