import type { Point } from './shapes/common';

/** Rectangle and segment arithmetic, knowing no shape kind: the ground every kind's geometry stands on. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function rectOf(s: { pos: Point; size: { w: number; h: number } }): Rect {
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

export function rectPolygon(r: Rect): Point[] {
  return [
    { x: r.x, y: r.y },
    { x: r.x + r.w, y: r.y },
    { x: r.x + r.w, y: r.y + r.h },
    { x: r.x, y: r.y + r.h },
  ];
}

/** The smallest rectangle around the points. */
export function boundingBox(pts: readonly Point[]): Rect {
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** Distance from p to segment ab. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Is p within `tolerance` of the polyline? */
export function nearPolyline(p: Point, pts: readonly Point[], tolerance: number, closed = false): boolean {
  const last = closed ? pts.length : pts.length - 1;
  for (let k = 0; k < last; k++) if (distanceToSegment(p, pts[k]!, pts[(k + 1) % pts.length]!) <= tolerance) return true;
  return false;
}
