import { borderPoint, centerOf, pointInRect, rectOf, rectPolygon, distanceToSegment, type Rect } from './rect';
import { flowPoints } from './shapes/flow';
import { shapeAt, shapeBounds } from './shapes/index';
import type { FlowShape, Point, Shape } from './schema';

/**
 * Geometry of the diagram: bounds and hit tests (each kind's module decides its own), where a flow's
 * ends sit, and whether a flow crosses a trust boundary. Used by the canvas (hit tests, culling) and by
 * STRIDE coverage alike. Rectangle arithmetic is in rect.ts.
 */
export { borderPoint, centerOf, distanceToSegment, flowPoints, pointInRect, rectOf, rectPolygon, type Rect };

export type BoxedShape = Exclude<Shape, FlowShape>;

export function isBoxed(s: Shape): s is BoxedShape {
  return s.kind !== 'flow';
}

export type ShapeIndex = ReadonlyMap<string, Shape>;

export function boundsOf(s: Shape, index: ShapeIndex): Rect {
  return shapeBounds(s, index);
}

function orient(a: Point, b: Point, c: Point): number {
  return Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return Math.min(a.x, b.x) <= p.x && p.x <= Math.max(a.x, b.x) && Math.min(a.y, b.y) <= p.y && p.y <= Math.max(a.y, b.y);
}

/** Do segments ab and cd share a point (touching counts)? */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}

/** Even-odd rule. */
export function pointInPolygon(p: Point, poly: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/**
 * A flow crosses a boundary when its two ends are on different sides of the boundary's outline, i.e. data
 * changes trust zone. A flow that merely passes through a boundary and comes back out (both ends outside)
 * also crosses it twice, so it counts too.
 */
export function polylineCrossesPolygon(points: Point[], poly: Point[]): boolean {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return false;
  if (pointInPolygon(first, poly) !== pointInPolygon(last, poly)) return true;
  for (let i = 1; i < points.length; i++) {
    for (let j = 0; j < poly.length; j++) {
      if (segmentsIntersect(points[i - 1]!, points[i]!, poly[j]!, poly[(j + 1) % poly.length]!)) {
        const bothInside = pointInPolygon(first, poly) && pointInPolygon(last, poly);
        if (!bothInside) return true;
      }
    }
  }
  return false;
}

/** For each flow, the boundaries (in the same view) it crosses. Flows crossing none are absent. */
export function boundaryCrossings(shapes: readonly Shape[]): Map<string, string[]> {
  const index = new Map(shapes.map((s) => [s.id, s] as const));
  const boundaries = shapes.filter((s) => s.kind === 'boundary');
  const out = new Map<string, string[]>();
  for (const s of shapes) {
    if (s.kind !== 'flow') continue;
    const pts = flowPoints(s, index);
    const crossed = boundaries.filter((b) => b.view === s.view && polylineCrossesPolygon(pts, rectPolygon(rectOf(b)))).map((b) => b.id);
    if (crossed.length) out.set(s.id, crossed);
  }
  return out;
}

/**
 * The topmost shape under a point, given shapes in z order (bottom first). Flows are hit within
 * `tolerance` of their line; a boundary only near its outline, so clicks inside reach what it encloses.
 */
export function hitTest(shapesInZOrder: readonly Shape[], p: Point, tolerance = 6): Shape | undefined {
  return shapeAt(shapesInZOrder, p, tolerance);
}
