import { boundsOf, flowPoints, rectOf, type ShapeIndex } from '../model/geometry';
import type { Shape } from '../model/schema';
import { threatLabel } from '../threats/numbering';
import { STRIDE_COLORS } from '../threats/stride';
import type { BoardData } from './board-data';
import { escapeHtml } from './report-common';

// ---- diagram pictures -----------------------------------------------------------------------------

function wrap(text: string, width: number, maxLines: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = word.length > width ? `${word.slice(0, width - 1)}…` : word;
      if (line && line.length + 1 + w.length > width) {
        out.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    out.push(line);
  }
  const lines = out.filter((l, i) => l !== '' || i === 0);
  if (lines.length > maxLines) return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]!.slice(0, width - 1)}…`];
  return lines;
}

function svgText(lines: string[], x: number, y: number, opts: { size?: number; anchor?: 'middle' | 'start'; weight?: string; fill?: string } = {}): string {
  const size = opts.size ?? 12;
  const top = y - ((lines.length - 1) * size * 1.2) / 2;
  const tspans = lines.map((l, i) => `<tspan x="${n(x)}" y="${n(top + i * size * 1.2)}">${escapeHtml(l)}</tspan>`).join('');
  return `<text font-size="${size}" text-anchor="${opts.anchor ?? 'middle'}" dominant-baseline="middle"${opts.weight ? ` font-weight="${opts.weight}"` : ''}${opts.fill ? ` fill="${opts.fill}"` : ''}>${tspans}</text>`;
}

function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/**
 * A drawing of one view as standalone SVG, from the same geometry the canvas uses: boundaries dashed,
 * entities square, processes rounded, stores between two lines, flows as arrows, threat notes with their
 * STRIDE letter and number. Every label is escaped; the picture has no script, link or external reference.
 */
export function viewSvg(data: BoardData, viewId: string, idPrefix = 'v'): string {
  const shapes = data.shapes.filter((s) => s.view === viewId);
  const index: ShapeIndex = new Map(data.shapes.map((s) => [s.id, s] as const));
  const pfx = idPrefix.replace(/[^A-Za-z0-9_-]/g, '');
  if (shapes.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 60" width="400" height="60" role="img"><text x="200" y="30" font-size="14" text-anchor="middle" fill="#666" font-family="sans-serif">This view is empty.</text></svg>`;
  }
  const rects = shapes.map((s) => boundsOf(s, index));
  const pad = 24;
  const minX = Math.min(...rects.map((r) => r.x)) - pad;
  const minY = Math.min(...rects.map((r) => r.y)) - pad;
  const w = Math.max(...rects.map((r) => r.x + r.w)) - minX + pad;
  const h = Math.max(...rects.map((r) => r.y + r.h)) - minY + pad;
  const order: Shape['kind'][] = ['boundary', 'flow', 'entity', 'process', 'store', 'text', 'note', 'threat'];
  const sorted = [...shapes].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const parts: string[] = [];
  // Dashed connectors from threat notes to their elements, under everything else.
  for (const t of shapes) {
    if (t.kind !== 'threat') continue;
    const from = rectOf(t);
    for (const id of t.elements) {
      const el = index.get(id);
      if (!el || el.view !== viewId) continue;
      const r = boundsOf(el, index);
      parts.push(
        `<line x1="${n(from.x + from.w / 2)}" y1="${n(from.y + from.h / 2)}" x2="${n(r.x + r.w / 2)}" y2="${n(r.y + r.h / 2)}" stroke="#adb5bd" stroke-dasharray="3 3"/>`,
      );
    }
  }
  for (const s of sorted) {
    switch (s.kind) {
      case 'boundary': {
        const r = rectOf(s);
        parts.push(`<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" fill="none" stroke="#c92a2a" stroke-width="2" stroke-dasharray="8 5"/>`);
        if (s.label) parts.push(svgText(wrap(s.label, 40, 1), r.x + 8, r.y + 12, { anchor: 'start', size: 12, fill: '#c92a2a' }));
        break;
      }
      case 'entity':
      case 'process':
      case 'store': {
        const r = rectOf(s);
        if (s.kind === 'store') {
          parts.push(`<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" fill="#fff" stroke="none"/>`);
          parts.push(`<line x1="${n(r.x)}" y1="${n(r.y)}" x2="${n(r.x + r.w)}" y2="${n(r.y)}" stroke="#212529" stroke-width="2"/>`);
          parts.push(`<line x1="${n(r.x)}" y1="${n(r.y + r.h)}" x2="${n(r.x + r.w)}" y2="${n(r.y + r.h)}" stroke="#212529" stroke-width="2"/>`);
        } else {
          const rx = s.kind === 'process' ? Math.min(18, r.h / 2) : 0;
          parts.push(`<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" rx="${n(rx)}" fill="#fff" stroke="#212529" stroke-width="2"${s.outOfScope ? ' stroke-dasharray="2 3"' : ''}/>`);
        }
        parts.push(svgText(wrap(s.label, Math.max(8, Math.floor(r.w / 7)), 3), r.x + r.w / 2, r.y + r.h / 2));
        break;
      }
      case 'flow': {
        const pts = flowPoints(s, index);
        const d = pts.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join(' ');
        const markers = `marker-end="url(#${pfx}-arrow)"${s.bidirectional ? ` marker-start="url(#${pfx}-arrow-start)"` : ''}`;
        parts.push(`<path d="${d}" fill="none" stroke="#495057" stroke-width="1.5" ${markers}/>`);
        if (s.label) {
          const mid = pts[Math.floor((pts.length - 1) / 2)]!;
          const next = pts[Math.floor((pts.length - 1) / 2) + 1] ?? mid;
          const lines = wrap(s.label + (s.protocol ? ` (${s.protocol})` : ''), 28, 2);
          const cx = (mid.x + next.x) / 2;
          const cy = (mid.y + next.y) / 2;
          const lw = Math.max(...lines.map((l) => l.length)) * 6 + 10;
          const lh = lines.length * 13 + 6;
          parts.push(`<rect x="${n(cx - lw / 2)}" y="${n(cy - lh / 2)}" width="${n(lw)}" height="${n(lh)}" rx="6" fill="#f8f9fa" stroke="#ced4da"/>`);
          parts.push(svgText(lines, cx, cy, { size: 10 }));
        }
        break;
      }
      case 'text': {
        const r = rectOf(s);
        parts.push(svgText(wrap(s.text, Math.max(8, Math.floor(r.w / 7)), 6), r.x + r.w / 2, r.y + r.h / 2, { size: 12 }));
        break;
      }
      case 'note':
      case 'threat': {
        const r = rectOf(s);
        const fill = s.kind === 'threat' ? STRIDE_COLORS[s.stride] : '#fff3bf';
        parts.push(`<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" rx="4" fill="${fill}" stroke="#868e96"/>`);
        if (s.kind === 'threat') {
          parts.push(svgText([`${s.stride} · ${threatLabel(s.num)}`], r.x + 8, r.y + 14, { anchor: 'start', size: 11, weight: 'bold' }));
          parts.push(svgText(wrap(s.title, Math.max(8, Math.floor(r.w / 6.5)), 5), r.x + r.w / 2, r.y + r.h / 2 + 8, { size: 11 }));
        } else parts.push(svgText(wrap(s.text, Math.max(8, Math.floor(r.w / 6.5)), 6), r.x + r.w / 2, r.y + r.h / 2, { size: 11 }));
        break;
      }
    }
  }
  const defs =
    `<defs><marker id="${pfx}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0L10 5L0 10z" fill="#495057"/></marker>` +
    `<marker id="${pfx}-arrow-start" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M10 0L0 5L10 10z" fill="#495057"/></marker></defs>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(minX)} ${n(minY)} ${n(w)} ${n(h)}" width="${n(w)}" height="${n(h)}" role="img" font-family="Helvetica, Arial, sans-serif" fill="#212529">` +
    `${defs}${parts.join('')}</svg>`
  );
}

