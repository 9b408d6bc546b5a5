import type { ShapeIndex } from '../model/geometry';
import { registryPosition, shapeBounds, shapeModule } from '../model/shapes/index';
import { n } from '../model/shapes/svg';
import type { SvgContext } from '../model/shapes/types';
import type { BoardData } from './board-data';

// ---- diagram pictures -----------------------------------------------------------------------------

/**
 * A drawing of one view as standalone SVG, from the same geometry the canvas uses: each shape drawn by its
 * kind's module (`svg`), in the kinds' layer order (boundaries at the back, threat notes in front), with
 * what lies under everything (threat connectors) first. Every label is escaped; the picture has no script,
 * link or external reference.
 */
export function viewSvg(data: BoardData, viewId: string, idPrefix = 'v'): string {
  const shapes = data.shapes.filter((s) => s.view === viewId);
  const index: ShapeIndex = new Map(data.shapes.map((s) => [s.id, s] as const));
  const pfx = idPrefix.replace(/[^A-Za-z0-9_-]/g, '');
  if (shapes.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 60" width="400" height="60" role="img"><text x="200" y="30" font-size="14" text-anchor="middle" fill="#666" font-family="sans-serif">This view is empty.</text></svg>`;
  }
  const ctx: SvgContext = { index, view: viewId, idPrefix: pfx, bounds: (s) => shapeBounds(s, index) };
  const rects = shapes.map(ctx.bounds);
  const pad = 24;
  const minX = Math.min(...rects.map((r) => r.x)) - pad;
  const minY = Math.min(...rects.map((r) => r.y)) - pad;
  const w = Math.max(...rects.map((r) => r.x + r.w)) - minX + pad;
  const h = Math.max(...rects.map((r) => r.y + r.h)) - minY + pad;
  const modules = shapes.map((s) => ({ s, m: shapeModule(s.kind as string) }));
  const parts: string[] = modules.map(({ s, m }) => m.svgUnder?.(s, ctx) ?? '');
  // Registry order breaks ties between kinds of one layer (entity, process, store), as it always has.
  const order = (kind: string) => shapeModule(kind).svgLayer * 1000 + registryPosition(kind);
  const sorted = [...modules].sort((a, b) => order(a.s.kind) - order(b.s.kind));
  for (const { s, m } of sorted) parts.push(m.svg(s, ctx));
  const defs =
    `<defs><marker id="${pfx}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0L10 5L0 10z" fill="#495057"/></marker>` +
    `<marker id="${pfx}-arrow-start" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M10 0L0 5L10 10z" fill="#495057"/></marker></defs>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(minX)} ${n(minY)} ${n(w)} ${n(h)}" width="${n(w)}" height="${n(h)}" role="img" font-family="Helvetica, Arial, sans-serif" fill="#212529">` +
    `${defs}${parts.join('')}</svg>`
  );
}
