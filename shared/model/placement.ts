import { boundsOf, centerOf, isBoxed, rectOf, type Rect } from './geometry';
import { flowLabels, pillRects } from './labels';
import { NOTE_SIZE, type Point, type Shape, type Size } from './schema';

/**
 * Where a new threat note goes: beside its element, in free space (no overlap with diagram shapes, flow
 * label pills or other notes), as near as it fits. Candidates are the cells of a grid laid around the
 * element, tried nearest first in a fixed order (right, below, left, above). Two people adding a threat to
 * the same element at the same moment do not see each other's note yet, so among the equally near free
 * cells the threat's own id picks one: their notes land apart instead of exactly on top of each other.
 */

/** Space between the element and its notes, and between notes. */
export const NOTE_GAP = 24;
/** Space a note keeps from anything it avoids. */
const CLEAR = 8;
/** Grid cells tried on each side of the element. */
const REACH = 6;
/** How many equally near free cells the id chooses among. */
const SPREAD = 4;

function overlaps(a: Rect, b: Rect): boolean {
  return Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0;
}

/** Shortest distance between two rectangles (0 when they touch or overlap). */
function gapBetween(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.x - (a.x + a.w), a.x - (b.x + b.w));
  const dy = Math.max(0, b.y - (a.y + a.h), a.y - (b.y + b.h));
  return Math.hypot(dx, dy);
}

/** FNV-1a: a stable small hash of an id, the same in every browser and on the server. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Clockwise angle from east around `c`, so right comes first, then below, left, above. */
function turn(c: Point, p: Point): number {
  const a = Math.atan2(p.y - c.y, p.x - c.x);
  return a < -1e-9 ? a + 2 * Math.PI : a;
}

function axis(start: number, span: number, size: number): number[] {
  const step = size + NOTE_GAP;
  const out = new Set<number>();
  for (let k = 0; k < REACH; k++) {
    out.add(start + span + NOTE_GAP + k * step); // after the element
    out.add(start - NOTE_GAP - size - k * step); // before it
    out.add(start + k * step); // aligned with its start
    out.add(start - k * step);
  }
  out.add(start + span / 2 - size / 2); // centred on it
  return [...out];
}

export interface PlaceRequest {
  /** The new note's id: it breaks ties between equally good places. */
  id: string;
  /** The element (or a flow's label) the note belongs beside. */
  anchor: Rect;
  /** What the note must not cover. */
  obstacles: readonly Rect[];
  /** Outlines the note must be wholly inside or wholly outside of (trust boundaries: never on the line). */
  fences?: readonly Rect[];
  size?: Size;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/** The note's rectangle keeps clear of every obstacle and sits on no fence's line. */
export function isClear(r: Rect, obstacles: readonly Rect[], fences: readonly Rect[] = []): boolean {
  const grown = { x: r.x - CLEAR, y: r.y - CLEAR, w: r.w + 2 * CLEAR, h: r.h + 2 * CLEAR };
  return !obstacles.some((o) => overlaps(grown, o)) && fences.every((f) => inside(grown, f) || !overlaps(grown, f));
}

/** Top-left corner for the note (integers). */
export function placeBeside({ id, anchor, obstacles, fences = [], size = NOTE_SIZE }: PlaceRequest): Point {
  const c = centerOf(anchor);
  const blocked = [anchor, ...obstacles];
  const free: { p: Point; d: number; turn: number }[] = [];
  for (const x of axis(anchor.x, anchor.w, size.w)) {
    for (const y of axis(anchor.y, anchor.h, size.h)) {
      const r = { x, y, w: size.w, h: size.h };
      if (!isClear(r, blocked, fences)) continue;
      free.push({ p: { x: Math.round(x), y: Math.round(y) }, d: Math.round(gapBetween(r, anchor)), turn: turn(c, centerOf(r)) });
    }
  }
  if (free.length === 0) {
    // Everything around is taken: to the right of all of it.
    const right = Math.max(anchor.x + anchor.w, ...obstacles.map((o) => o.x + o.w));
    return { x: Math.round(right + NOTE_GAP), y: Math.round(anchor.y) };
  }
  free.sort((a, b) => a.d - b.d || a.turn - b.turn || a.p.x - b.p.x || a.p.y - b.p.y);
  const nearest = free[0]!.d;
  const tier = free.filter((f) => f.d <= nearest + NOTE_GAP).slice(0, SPREAD);
  return tier[idHash(id) % tier.length]!.p;
}

/**
 * What a note avoids in one view: every box-shaped shape and the flows' label pills as obstacles; trust
 * boundaries (which enclose things) as fences.
 */
export function placementObstacles(viewShapes: readonly Shape[]): { obstacles: Rect[]; fences: Rect[] } {
  const boxed = viewShapes.filter(isBoxed);
  return {
    obstacles: [...boxed.filter((s) => s.kind !== 'boundary').map(rectOf), ...pillRects(flowLabels(viewShapes))],
    fences: boxed.filter((s) => s.kind === 'boundary').map(rectOf),
  };
}

/**
 * Where a threat note for `elementId` goes, given the shapes of the element's view. A flow's notes go
 * beside its label (or the middle of its line).
 */
export function placeThreatNote(id: string, elementId: string, viewShapes: readonly Shape[]): Point | null {
  const index = new Map(viewShapes.map((s) => [s.id, s] as const));
  const el = index.get(elementId);
  if (!el) return null;
  let anchor: Rect;
  if (isBoxed(el)) anchor = rectOf(el);
  else {
    const label = flowLabels(viewShapes).get(el.id);
    anchor = label && label.text ? label.rect : label ? { x: label.at.x - 10, y: label.at.y - 10, w: 20, h: 20 } : boundsOf(el, index);
  }
  return placeBeside({ id, anchor, ...placementObstacles(viewShapes) });
}
