import { flowPoints, isBoxed, rectOf, type Rect } from './geometry';
import type { FlowShape, Point, Shape } from './schema';
import { shapeModule } from './shapes/index';

/**
 * Where each flow's label pill sits: somewhere along its line where it covers no diagram element and no
 * other label. Pure and deterministic (same shapes, same places), so every participant, the PNG and the
 * report agree, and new threat notes can keep clear of the pills (see placement.ts).
 */

/** Size of the pill's text: lines of ~12 px sans-serif. */
export const PILL = { fontSize: 12, padX: 7, h: 20, lineH: 14, charW: 6.6, maxW: 260 } as const;

/** The one line of text on a flow's pill: its label and protocol. */
export function flowCaption(f: FlowShape): string {
  return [f.label.trim(), f.protocol].filter(Boolean).join(' · ');
}

/** What the pill shows, '' when the flow has no pill. */
export function pillText(f: FlowShape): string {
  return flowCaption(f) + (f.outOfScope ? ' (out of scope)' : '');
}

export function pillWidth(text: string): number {
  return Math.min(PILL.maxW, Math.max(24, text.length * PILL.charW + 2 * PILL.padX));
}

/** The text broken at spaces into at most `n` lines, the longest line as short as it can be. */
export function breakLines(text: string, n: number): string[] {
  const words = text.split(' ');
  if (n <= 1 || words.length === 1) return [text];
  let best = [text];
  let bestLen = text.length;
  const tryCuts = (cuts: number[]) => {
    const bounds = [0, ...cuts, words.length];
    const lines = bounds.slice(1).map((end, i) => words.slice(bounds[i], end).join(' '));
    const longest = Math.max(...lines.map((l) => l.length));
    if (longest < bestLen) {
      best = lines;
      bestLen = longest;
    }
  };
  for (let i = 1; i < words.length; i++) {
    if (n === 2) tryCuts([i]);
    else for (let j = i + 1; j < words.length; j++) tryCuts([i, j]);
  }
  return best;
}

function pillSize(lines: readonly string[]): { w: number; h: number } {
  const longest = Math.max(...lines.map((l) => l.length));
  return { w: pillWidth('x'.repeat(longest)), h: PILL.h + (lines.length - 1) * PILL.lineH };
}

function length(pts: readonly Point[]): number {
  let total = 0;
  for (let k = 1; k < pts.length; k++) total += Math.hypot(pts[k]!.x - pts[k - 1]!.x, pts[k]!.y - pts[k - 1]!.y);
  return total;
}

/** The point at fraction `t` (0…1) of a polyline's length. */
export function pointAlong(pts: readonly Point[], t: number): Point {
  if (pts.length === 0) return { x: 0, y: 0 };
  let rest = length(pts) * t;
  for (let k = 1; k < pts.length; k++) {
    const a = pts[k - 1]!;
    const b = pts[k]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len >= rest && len > 0) return { x: a.x + ((b.x - a.x) * rest) / len, y: a.y + ((b.y - a.y) * rest) / len };
    rest -= len;
  }
  return pts[pts.length - 1]!;
}

/** Fractions of the line tried in order: the middle first, then outwards, never at the arrowheads. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8];
/** Space kept between a pill and what it avoids. */
const CLEAR = 4;

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Diagram elements a label must not cover (notes and boundaries are not: notes move, boundaries enclose). */
function isLabelObstacle(s: Shape): boolean {
  return shapeModule(s.kind).avoidedByLabels;
}

export interface LabelPlace {
  /** Centre of the pill. */
  at: Point;
  rect: Rect;
  text: string;
  /** The text as drawn: one line, or two or three when one is too wide for the space. */
  lines: string[];
}

/**
 * Label places of the flows among `shapes` (one view). Flows are placed in (z, id) order; each takes the
 * first spot along its line that is clear (on one line, else wrapped on two or three), or the one that
 * covers least.
 */
export function flowLabels(shapes: readonly Shape[]): Map<string, LabelPlace> {
  const index = new Map(shapes.map((s) => [s.id, s] as const));
  const obstacles: Rect[] = shapes.filter((s) => isBoxed(s) && isLabelObstacle(s)).map((s) => grow(rectOf(s as Exclude<Shape, FlowShape>), CLEAR));
  const flows = shapes
    .filter((s): s is FlowShape => s.kind === 'flow')
    .sort((a, b) => (a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out = new Map<string, LabelPlace>();
  for (const f of flows) {
    const text = pillText(f);
    const pts = flowPoints(f, index);
    let best: LabelPlace | null = null;
    let bestCost = Infinity;
    search: for (const n of text ? [1, 2, 3] : [1]) {
      const lines = text ? breakLines(text, n) : [];
      const { w, h } = text ? pillSize(lines) : { w: 0, h: 0 };
      for (const t of text ? ALONG : [0.5]) {
        const at = pointAlong(pts, t);
        const rect = { x: at.x - w / 2, y: at.y - h / 2, w, h };
        const cost = obstacles.reduce((sum, o) => sum + overlapArea(rect, o), 0);
        if (cost < bestCost) {
          best = { at, rect, text, lines };
          bestCost = cost;
        }
        if (cost === 0) break search;
      }
    }
    if (!best) continue;
    out.set(f.id, best);
    if (text) obstacles.push(grow(best.rect, CLEAR));
  }
  return out;
}

/** The rectangles of the label pills that are drawn (flows with text). */
export function pillRects(labels: ReadonlyMap<string, LabelPlace>): Rect[] {
  return [...labels.values()].filter((l) => l.text).map((l) => l.rect);
}
