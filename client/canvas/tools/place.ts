import { placeMode, type PlaceKind } from '../../editor/tools';
import type { Press } from './context';
import { boundaryGesture } from './boundary';

/**
 * Place tools (one per shape kind with a toolbar entry that places): a click puts one at its default
 * size; a kind placed by drawing (the trust boundary) drags out a rectangle instead.
 */
export function pressPlace(kind: PlaceKind): Press {
  return (ctx, p) => {
    if (placeMode(kind) === 'draw') return boundaryGesture(ctx, p, kind);
    ctx.editor.createShape(kind, p.world);
    return null;
  };
}
