import { flowPoints, type ShapeIndex } from '../../shared/model/geometry';
import type { FlowShape } from '../../shared/model/schema';
import type { Rect, Vec } from './camera';

/**
 * Where the canvas's own handles sit, in world coordinates: pure, shared by the drawing (overlay) and
 * the pointer controller (hit testing), so what is drawn is what is hit.
 */

/** Connection handles of an element: the midpoints of its four sides. */
export function sideHandles(r: Rect): Vec[] {
  return [
    { x: r.x + r.w / 2, y: r.y },
    { x: r.x + r.w, y: r.y + r.h / 2 },
    { x: r.x + r.w / 2, y: r.y + r.h },
    { x: r.x, y: r.y + r.h / 2 },
  ];
}

export interface FlowHandles {
  /** Existing bend points (drag to move, double-click to remove). */
  bends: Vec[];
  /** Midpoints of each segment; dragging one inserts a bend at `index` in the bends array. */
  mids: { at: Vec; index: number }[];
}

export function flowHandles(flow: FlowShape, index: ShapeIndex): FlowHandles {
  const pts = flowPoints(flow, index);
  const mids: FlowHandles['mids'] = [];
  for (let k = 1; k < pts.length; k++) {
    const a = pts[k - 1]!;
    const b = pts[k]!;
    mids.push({ at: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, index: k - 1 });
  }
  return { bends: flow.bends.map((p) => ({ ...p })), mids };
}

/** The point halfway along a polyline (by length), where a flow's label sits. */
export function polylineMidpoint(pts: readonly Vec[]): Vec {
  if (pts.length === 0) return { x: 0, y: 0 };
  let total = 0;
  for (let k = 1; k < pts.length; k++) total += Math.hypot(pts[k]!.x - pts[k - 1]!.x, pts[k]!.y - pts[k - 1]!.y);
  let rest = total / 2;
  for (let k = 1; k < pts.length; k++) {
    const a = pts[k - 1]!;
    const b = pts[k]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len >= rest && len > 0) return { x: a.x + ((b.x - a.x) * rest) / len, y: a.y + ((b.y - a.y) * rest) / len };
    rest -= len;
  }
  return pts[pts.length - 1]!;
}

/** Index of the first point within `radius` of `p`, or -1. */
export function nearest(points: readonly Vec[], p: Vec, radius: number): number {
  let best = -1;
  let bestD = radius;
  points.forEach((q, i) => {
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}
