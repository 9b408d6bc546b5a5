/**
 * The camera: which part of the board the window shows. Local session state, never synced.
 * A screen point s and a world point w relate by  s = w * zoom + (x, y).
 * Pure functions only, so they are trivial to test and safe to call from pointer handlers.
 */
export interface Camera {
  x: number;
  y: number;
  zoom: number;
}

export interface Vec {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 4;
const STEPS = [0.1, 0.15, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 2.5, 3, 4];

export const DEFAULT_CAMERA: Camera = { x: 0, y: 0, zoom: 1 };

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

export function screenToWorld(cam: Camera, p: Vec): Vec {
  return { x: (p.x - cam.x) / cam.zoom, y: (p.y - cam.y) / cam.zoom };
}

export function worldToScreen(cam: Camera, p: Vec): Vec {
  return { x: p.x * cam.zoom + cam.x, y: p.y * cam.zoom + cam.y };
}

/** Zoom to `zoom`, keeping the world point under the screen point `at` where it is. */
export function zoomAt(cam: Camera, at: Vec, zoom: number): Camera {
  const z = clampZoom(zoom);
  const w = screenToWorld(cam, at);
  return { x: at.x - w.x * z, y: at.y - w.y * z, zoom: z };
}

/** The next zoom step in `dir` (+1 in, -1 out) from `zoom`. */
export function stepZoom(zoom: number, dir: 1 | -1): number {
  if (dir > 0) return STEPS.find((s) => s > zoom + 1e-6) ?? MAX_ZOOM;
  return [...STEPS].reverse().find((s) => s < zoom - 1e-6) ?? MIN_ZOOM;
}

/** Multiplier for one wheel event with ctrl/⌘ held (trackpad pinch arrives this way too). */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-100, Math.min(100, px)) / 200);
}

export function panBy(cam: Camera, dx: number, dy: number): Camera {
  return { ...cam, x: cam.x + dx, y: cam.y + dy };
}

/** The part of the world visible in a viewport of size w×h. */
export function visibleWorld(cam: Camera, viewport: { w: number; h: number }): Rect {
  return { x: -cam.x / cam.zoom, y: -cam.y / cam.zoom, w: viewport.w / cam.zoom, h: viewport.h / cam.zoom };
}

/** Camera that shows `bounds` in the viewport with `padding` screen pixels around; never above 100 %. */
export function fit(bounds: Rect, viewport: { w: number; h: number }, padding = 64): Camera {
  const aw = Math.max(1, viewport.w - 2 * padding);
  const ah = Math.max(1, viewport.h - 2 * padding);
  const zoom = clampZoom(Math.min(1, aw / Math.max(1, bounds.w), ah / Math.max(1, bounds.h)));
  return centreOn({ x: bounds.x + bounds.w / 2, y: bounds.y + bounds.h / 2 }, viewport, zoom);
}

/** Camera at `zoom` with world point `p` at the centre of the viewport. */
export function centreOn(p: Vec, viewport: { w: number; h: number }, zoom: number): Camera {
  return { x: viewport.w / 2 - p.x * zoom, y: viewport.h / 2 - p.y * zoom, zoom };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

export function union(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** A rectangle from two corners in any order (marquee selection). */
export function rectFromPoints(a: Vec, b: Vec): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}
