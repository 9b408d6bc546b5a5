import type { FlowShape, Point, Shape } from './schema';

/**
 * Pure geometry of the diagram: bounds of every shape kind, where a flow's ends sit, and whether a flow
 * crosses a trust boundary. Used by the canvas (hit tests, culling) and by STRIDE coverage alike.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type BoxedShape = Exclude<Shape, FlowShape>;

export function isBoxed(s: Shape): s is BoxedShape {
  return s.kind !== 'flow';
}

export function rectOf(s: BoxedShape): Rect {
  return { x: s.pos.x, y: s.pos.y, w: s.size.w, h: s.size.h };
}

export function centerOf(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function pointInRect(p: Point, r: Rect): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** Where the ray from the centre of `r` towards `toward` leaves the rectangle: a flow's visible end. */
export function borderPoint(r: Rect, toward: Point): Point {
  const c = centerOf(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

export type ShapeIndex = ReadonlyMap<string, Shape>;

function endRect(id: string | null, index: ShapeIndex): Rect | null {
  const s = id ? index.get(id) : undefined;
  return s && isBoxed(s) ? rectOf(s) : null;
}

/**
 * The polyline of a flow: start, bend points, end. An attached end follows its element (clipped to the
 * element's border); a detached end stays at its free point.
 */
export function flowPoints(flow: FlowShape, index: ShapeIndex): Point[] {
  const fromR = endRect(flow.from, index);
  const toR = endRect(flow.to, index);
  const fromC = fromR ? centerOf(fromR) : flow.fromPt;
  const toC = toR ? centerOf(toR) : flow.toPt;
  const first = flow.bends[0] ?? toC;
  const last = flow.bends[flow.bends.length - 1] ?? fromC;
  const start = fromR ? borderPoint(fromR, first) : fromC;
  const end = toR ? borderPoint(toR, last) : toC;
  return [start, ...flow.bends, end];
}

export function boundsOf(s: Shape, index: ShapeIndex): Rect {
  if (isBoxed(s)) return rectOf(s);
  const pts = flowPoints(s, index);
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
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

export function rectPolygon(r: Rect): Point[] {
  return [
    { x: r.x, y: r.y },
    { x: r.x + r.w, y: r.y },
    { x: r.x + r.w, y: r.y + r.h },
    { x: r.x, y: r.y + r.h },
  ];
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

/** Distance from p to segment ab. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The topmost shape under a point, given shapes in z order (bottom first). Flows are hit within
 * `tolerance` of their line; a boundary only near its outline, so clicks inside reach what it encloses.
 */
export function hitTest(shapesInZOrder: readonly Shape[], p: Point, tolerance = 6): Shape | undefined {
  const index = new Map(shapesInZOrder.map((s) => [s.id, s] as const));
  for (let i = shapesInZOrder.length - 1; i >= 0; i--) {
    const s = shapesInZOrder[i]!;
    if (s.kind === 'flow') {
      const pts = flowPoints(s, index);
      for (let k = 1; k < pts.length; k++) if (distanceToSegment(p, pts[k - 1]!, pts[k]!) <= tolerance) return s;
    } else if (s.kind === 'boundary') {
      const poly = rectPolygon(rectOf(s));
      for (let k = 0; k < poly.length; k++) if (distanceToSegment(p, poly[k]!, poly[(k + 1) % poly.length]!) <= tolerance) return s;
    } else if (pointInRect(p, rectOf(s))) return s;
  }
  return undefined;
}
