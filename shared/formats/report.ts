import { boundsOf, flowPoints, rectOf, type ShapeIndex } from '../model/geometry';
import { CONTROL_CATEGORY_LABELS, SHAPE_KIND_LABELS, VIEW_KIND_LABELS, type Mitigation, type Shape, type ThreatShape, type View } from '../model/schema';
import { cvssSummary } from '../risk/cvss';
import { RISK_LEVEL_LABELS, riskAfter, riskBefore, riskMatrixCounts, type RiskLevel, type RiskMatrixCounts } from '../risk/matrix';
import { FINDING_KINDS, FINDING_TITLES, reviewFindings, type Finding } from '../risk/review';
import { mitigationLabel, threatLabel } from '../threats/numbering';
import { STRIDE_COLORS, STRIDE_NAMES } from '../threats/stride';
import { threatsOf, type BoardData } from './board-data';
import { viewMermaid } from './report-mermaid';

/**
 * The threat model report, in Markdown and as a printable HTML page, structured by the four questions:
 * the system and its views (with a picture of each) and the assumptions; the threats with their risk
 * before and after; the responses, mitigations and risk matrices; the open review findings.
 *
 * Every piece of user text goes through `escapeHtml` / `escapeMarkdown`: a board is written by many people
 * and its report is opened by others, so a threat titled `<img src=x onerror=…>` must print as text. The
 * HTML page has no script and needs none; the server serves it with a CSP that forbids scripts anyway.
 */
export interface ReportOptions {
  /**
   * Pictures of views by view id, as data URLs (PNG from the canvas, or SVG). Views without one get a
   * drawing generated from the diagram's geometry, so the server can build a complete report alone.
   */
  images?: Readonly<Record<string, string>>;
  generatedAt?: Date;
}

// ---- escaping -------------------------------------------------------------------------------------

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attributes (also valid in SVG/XML). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Text for Markdown, inline: HTML-significant characters become entities (so a renderer that allows raw
 * HTML still shows them as text) and Markdown-significant ones get a backslash; line breaks become `<br>`
 * inside tables, hard breaks elsewhere.
 */
export function escapeMarkdown(s: string, inTable = false): string {
  const lines = s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/[&<>]/g, (c) => HTML_ESCAPES[c]!)
        .replace(/[\\`*_{}[\]()#+\-!|~]/g, '\\$&')
        // Block syntax that only counts at the start of a line: an ordered list item, a setext underline.
        .replace(/^(\s*\d+)\./, '$1\\.')
        .replace(/^(\s*)=/, '$1\\='),
    );
  return inTable ? lines.join('<br>') : lines.join('  \n');
}

/** Only data URLs of images are used as pictures: anything else (a remote URL, javascript:) is ignored. */
export function isImageDataUrl(s: string): boolean {
  return /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(s);
}

// ---- shared lookups -------------------------------------------------------------------------------

interface Ctx {
  data: BoardData;
  shapes: ShapeIndex;
  views: ReadonlyMap<string, View>;
  mitigations: ReadonlyMap<string, Mitigation>;
  threats: ThreatShape[];
  findings: Finding[];
  before: RiskMatrixCounts;
  after: RiskMatrixCounts;
  generatedAt: Date;
  images: Readonly<Record<string, string>>;
}

function context(data: BoardData, opts: ReportOptions): Ctx {
  const threats = threatsOf(data);
  return {
    data,
    shapes: new Map(data.shapes.map((s) => [s.id, s] as const)),
    views: new Map(data.views.map((v) => [v.id, v] as const)),
    mitigations: new Map(data.mitigations.map((m) => [m.id, m] as const)),
    threats,
    findings: reviewFindings({ shapes: data.shapes, mitigations: data.mitigations }),
    before: riskMatrixCounts(threats, 'before'),
    after: riskMatrixCounts(threats, 'after'),
    generatedAt: opts.generatedAt ?? new Date(),
    images: opts.images ?? {},
  };
}


function shapeName(s: Shape): string {
  if ('label' in s && s.label.trim()) return s.label.trim();
  if (s.kind === 'threat') return threatLabel(s.num);
  return `unnamed ${SHAPE_KIND_LABELS[s.kind].toLowerCase()}`;
}

function elementNames(t: ThreatShape, ctx: Ctx): string[] {
  return t.elements.flatMap((id) => {
    const s = ctx.shapes.get(id);
    if (!s) return [];
    const view = ctx.views.get(s.view)?.title ?? s.view;
    return [`${shapeName(s)} (${view})`];
  });
}

function linkedMitigations(t: ThreatShape, ctx: Ctx): { m: Mitigation; status: string }[] {
  return t.mitigations.flatMap((l) => {
    const m = ctx.mitigations.get(l.id);
    return m ? [{ m, status: l.status }] : [];
  });
}

function threatsOfMitigation(m: Mitigation, ctx: Ctx): { t: ThreatShape; status: string }[] {
  return ctx.threats.flatMap((t) => t.mitigations.filter((l) => l.id === m.id).map((l) => ({ t, status: l.status })));
}

function levelText(level: RiskLevel | ''): string {
  return level ? RISK_LEVEL_LABELS[level] : 'not assessed';
}

function dateText(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const DFD_KINDS = new Set<Shape['kind']>(['entity', 'process', 'store', 'flow', 'boundary']);

function elementsOf(view: View, ctx: Ctx): Shape[] {
  return ctx.data.shapes.filter((s) => s.view === view.id && DFD_KINDS.has(s.kind));
}

function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

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

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg).replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/'/g, '%27')}`;
}

// ---- Markdown -------------------------------------------------------------------------------------

function mdTable(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '_None._\n';
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

function mdMatrix(m: RiskMatrixCounts): string {
  const rows: string[][] = [];
  const severities = [...new Set(m.cells.map((c) => c.severity))];
  for (const sev of severities) {
    const cells = m.cells.filter((c) => c.severity === sev);
    rows.push([`**${cap(sev)}**`, ...cells.map((c) => `${c.count} (${RISK_LEVEL_LABELS[c.level]})`)]);
  }
  return mdTable(['Severity of harm \\ exploitability', 'Low', 'Medium', 'High'], rows) + `\nNot assessed: ${m.unassessed.length}\n`;
}

export function reportMarkdown(data: BoardData, opts: ReportOptions = {}): string {
  const ctx = context(data, opts);
  const e = (s: string) => escapeMarkdown(s);
  const c = (s: string) => escapeMarkdown(s, true) || ' ';
  const out: string[] = [];
  out.push(`# ${e(data.meta.title)}: threat model report\n`);
  out.push(`Generated ${dateText(ctx.generatedAt)}. ${summaryLine(ctx)}\n`);

  out.push('## 1. What are we working on?\n');
  for (const view of data.views) {
    out.push(`### ${e(view.title)} (${VIEW_KIND_LABELS[view.kind]})\n`);
    if (view.description.trim()) out.push(`${e(view.description.trim())}\n`);
    const els = elementsOf(view, ctx);
    // A diagram GitHub and GitLab draw, and that reads as text where they do not.
    if (els.length) out.push('```mermaid\n' + viewMermaid(data, view.id, view.title) + '\n```\n');
    else out.push('_This view has no diagram elements._\n');
    out.push(
      mdTable(
        ['Kind', 'Name', 'Description', 'In scope'],
        els.map((s) => [
          SHAPE_KIND_LABELS[s.kind],
          c(shapeName(s)),
          c('description' in s ? s.description : ''),
          'outOfScope' in s && s.outOfScope ? `No${s.outOfScopeReason.trim() ? `: ${c(s.outOfScopeReason)}` : ''}` : 'Yes',
        ]),
      ),
    );
  }
  out.push('### Assumptions\n');
  if (data.assumptions.length === 0) out.push('_No assumptions are recorded._\n');
  else {
    const byThreatId = new Map(ctx.threats.map((t) => [t.id, t] as const));
    data.assumptions.forEach((a, i) => {
      const linked = a.threats.flatMap((id) => (byThreatId.get(id) ? [threatLabel(byThreatId.get(id)!.num)] : []));
      out.push(`${i + 1}. ${escapeMarkdown(a.text, true)}${linked.length ? ` (${linked.join(', ')})` : ''}`);
    });
    out.push('');
  }

  out.push('## 2. What can go wrong?\n');
  out.push(
    mdTable(
      ['ID', 'Title', 'STRIDE', 'Elements', 'Votes', 'Status', 'Risk before', 'Risk after', 'CVSS'],
      ctx.threats.map((t) => [
        threatLabel(t.num),
        c(t.title),
        `${t.stride} (${STRIDE_NAMES[t.stride]})`,
        c(elementNames(t, ctx).join('; ')),
        String(t.votes),
        t.status,
        levelText(riskBefore(t)),
        levelText(riskAfter(t)),
        c(cvssSummary(t.cvss)),
      ]),
    ),
  );
  for (const t of ctx.threats) {
    if (!t.description.trim()) continue;
    out.push(`**${threatLabel(t.num)} ${e(t.title)}**  \n${e(t.description.trim())}\n`);
  }

  out.push('## 3. What are we going to do about it?\n');
  out.push('### Responses\n');
  out.push(
    mdTable(
      ['ID', 'Strategy', 'Rationale', 'Owner', 'Mitigations', 'Residual risk', 'Safety hand-off'],
      ctx.threats.map((t) => [
        threatLabel(t.num),
        cap(t.strategy) || 'none yet',
        c(t.rationale),
        c(t.owner),
        linkedMitigations(t, ctx)
          .map(({ m, status }) => `${mitigationLabel(m.num)} (${status})`)
          .join(', ') || ' ',
        levelText(riskAfter(t)),
        t.safetyHandoff ? 'Yes' : 'No',
      ]),
    ),
  );
  out.push('### Mitigations\n');
  out.push(
    mdTable(
      ['ID', 'Title', 'Category', 'Description', 'Owner', 'Verification', 'Threats'],
      data.mitigations.map((m) => [
        mitigationLabel(m.num),
        c(m.title),
        CONTROL_CATEGORY_LABELS[m.category],
        c(m.description),
        c(m.owner),
        c(m.verification),
        threatsOfMitigation(m, ctx)
          .map(({ t, status }) => `${threatLabel(t.num)} (${status})`)
          .join(', ') || ' ',
      ]),
    ),
  );
  out.push('### Risk before mitigation\n');
  out.push(mdMatrix(ctx.before));
  out.push('### Risk after mitigation\n');
  out.push(mdMatrix(ctx.after));

  out.push('## 4. Did we do a good enough job?\n');
  if (ctx.findings.length === 0) out.push('No open review findings.\n');
  for (const kind of FINDING_KINDS) {
    const list = ctx.findings.filter((f) => f.kind === kind);
    if (list.length === 0) continue;
    out.push(`### ${FINDING_TITLES[kind]} (${list.length})\n`);
    out.push(list.map((f) => `- ${escapeMarkdown(f.message, true)}`).join('\n') + '\n');
  }
  return out.join('\n');
}

function summaryLine(ctx: Ctx): string {
  const open = ctx.threats.filter((t) => t.status === 'open').length;
  const elements = ctx.data.shapes.filter((s) => s.kind === 'entity' || s.kind === 'process' || s.kind === 'store' || s.kind === 'flow').length;
  return (
    `${ctx.data.views.length} view${ctx.data.views.length === 1 ? '' : 's'}, ${elements} diagram elements, ${ctx.threats.length} threats ` +
    `(${open} open), ${ctx.data.mitigations.length} mitigations, ${ctx.findings.length} open review findings.`
  );
}

// ---- HTML -----------------------------------------------------------------------------------------

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
:root { color-scheme: light; }
body { font: 10.5pt/1.45 Helvetica, Arial, sans-serif; color: #212529; margin: 0 auto; max-width: 190mm; padding: 12px; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 15pt; border-bottom: 2px solid #343a40; padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 12pt; margin: 18px 0 6px; }
.meta { color: #495057; margin: 0 0 12px; }
nav ol { margin: 4px 0 0; padding-left: 20px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 9pt; }
th, td { border: 1px solid #adb5bd; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th.nowrap, td.nowrap { white-space: nowrap; width: 1%; }
th { background: #e9ecef; }
thead { display: table-header-group; }
tr, figure, .finding, .matrix-box { break-inside: avoid; }
figure { margin: 8px 0 12px; text-align: center; }
figure img, figure svg { max-width: 100%; height: auto; max-height: 180mm; border: 1px solid #dee2e6; }
figcaption { font-size: 9pt; color: #495057; }
.desc { white-space: pre-wrap; }
.small { font-size: 8.5pt; color: #495057; white-space: pre-wrap; }
.matrix { width: auto; }
.matrix td, .matrix th { text-align: center; min-width: 24mm; }
.matrix td.level-low { background: #d3f9d8; }
.matrix td.level-medium { background: #fff3bf; }
.matrix td.level-high { background: #ffd8a8; }
.matrix td.level-critical { background: #ffc9c9; }
.matrix .count { font-size: 13pt; font-weight: bold; display: block; }
.matrix .level { font-size: 8pt; }
.matrices { display: flex; gap: 10mm; flex-wrap: wrap; }
.none { color: #495057; font-style: italic; }
@media print {
  body { padding: 0; max-width: none; }
  section { break-before: page; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;

/** A table; `narrow` marks columns of short values that must not wrap (IDs, levels, counts). */
function htmlTable(head: string[], rows: string[][], narrow: readonly number[] = []): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  const cls = (i: number) => (narrow.includes(i) ? ' class="nowrap"' : '');
  return (
    `<table><thead><tr>${head.map((h, i) => `<th scope="col"${cls(i)}>${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((cell, i) => `<td${cls(i)}>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`
  );
}

function htmlMatrix(m: RiskMatrixCounts, caption: string): string {
  const severities = [...new Set(m.cells.map((c) => c.severity))];
  const rows = severities
    .map((sev) => {
      const cells = m.cells
        .filter((c) => c.severity === sev)
        .map((c) => `<td class="level-${c.level}"><span class="count">${c.count}</span><span class="level">${RISK_LEVEL_LABELS[c.level]}</span></td>`)
        .join('');
      return `<tr><th scope="row">${cap(sev)}</th>${cells}</tr>`;
    })
    .join('');
  return (
    `<div class="matrix-box"><table class="matrix"><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr><th scope="col">Harm \\ exploitability</th><th scope="col">Low</th><th scope="col">Medium</th><th scope="col">High</th></tr></thead>` +
    `<tbody>${rows}</tbody></table><p class="small">Not assessed: ${m.unassessed.length}</p></div>`
  );
}

export function reportHtml(data: BoardData, opts: ReportOptions = {}): string {
  const ctx = context(data, opts);
  const h = escapeHtml;
  const body: string[] = [];
  body.push(`<header><h1>${h(data.meta.title)}</h1><p class="meta">Threat model report, generated ${h(dateText(ctx.generatedAt))}. ${h(summaryLine(ctx))}</p>`);
  body.push(
    '<nav aria-label="Contents"><ol><li><a href="#q1">What are we working on?</a></li><li><a href="#q2">What can go wrong?</a></li>' +
      '<li><a href="#q3">What are we going to do about it?</a></li><li><a href="#q4">Did we do a good enough job?</a></li></ol></nav></header>',
  );

  body.push('<section id="q1"><h2>1. What are we working on?</h2>');
  data.views.forEach((view, i) => {
    body.push(`<h3>${h(view.title)} <span class="small">(${h(VIEW_KIND_LABELS[view.kind])})</span></h3>`);
    if (view.description.trim()) body.push(`<p class="desc">${h(view.description.trim())}</p>`);
    const given = ctx.images[view.id];
    const picture = given && isImageDataUrl(given) ? `<img src="${h(given)}" alt="Diagram of ${h(view.title)}">` : viewSvg(data, view.id, `v${i}`);
    body.push(`<figure>${picture}<figcaption>Figure ${i + 1}: ${h(view.title)}</figcaption></figure>`);
    body.push(
      htmlTable(
        ['Kind', 'Name', 'Description', 'In scope'],
        elementsOf(view, ctx).map((s) => [
          SHAPE_KIND_LABELS[s.kind],
          h(shapeName(s)),
          `<span class="desc">${h('description' in s ? s.description : '')}</span>`,
          'outOfScope' in s && s.outOfScope ? `No${s.outOfScopeReason.trim() ? `: ${h(s.outOfScopeReason)}` : ''}` : 'Yes',
        ]),
        [0],
      ),
    );
  });
  body.push('<h3>Assumptions</h3>');
  if (data.assumptions.length === 0) body.push('<p class="none">No assumptions are recorded.</p>');
  else {
    const byThreatId = new Map(ctx.threats.map((t) => [t.id, t] as const));
    body.push(
      `<ol>${data.assumptions
        .map((a) => {
          const linked = a.threats.flatMap((id) => (byThreatId.get(id) ? [threatLabel(byThreatId.get(id)!.num)] : []));
          return `<li>${h(a.text)}${linked.length ? ` <span class="small">(${linked.join(', ')})</span>` : ''}</li>`;
        })
        .join('')}</ol>`,
    );
  }
  body.push('</section>');

  body.push('<section id="q2"><h2>2. What can go wrong?</h2>');
  body.push(
    htmlTable(
      ['ID', 'Threat', 'STRIDE', 'Elements', 'Votes', 'Status', 'Risk before', 'Risk after', 'CVSS'],
      ctx.threats.map((t) => [
        threatLabel(t.num),
        `<strong>${h(t.title)}</strong>${t.description.trim() ? `<div class="small">${h(t.description.trim())}</div>` : ''}`,
        `${t.stride}<div class="small">${STRIDE_NAMES[t.stride]}</div>`,
        h(elementNames(t, ctx).join('; ')),
        String(t.votes),
        h(t.status),
        levelText(riskBefore(t)),
        levelText(riskAfter(t)),
        h(cvssSummary(t.cvss)),
      ]),
      [0, 2, 4, 5, 6, 7, 8],
    ),
  );
  body.push('</section>');

  body.push('<section id="q3"><h2>3. What are we going to do about it?</h2><h3>Responses</h3>');
  body.push(
    htmlTable(
      ['ID', 'Strategy', 'Rationale', 'Owner', 'Mitigations', 'Residual risk', 'Safety hand-off'],
      ctx.threats.map((t) => [
        threatLabel(t.num),
        cap(t.strategy) || '<span class="none">none yet</span>',
        `<span class="desc">${h(t.rationale)}</span>`,
        h(t.owner),
        linkedMitigations(t, ctx)
          .map(({ m, status }) => `${mitigationLabel(m.num)} (${status})`)
          .join(', '),
        levelText(riskAfter(t)),
        t.safetyHandoff ? 'Yes' : 'No',
      ]),
      [0, 1, 5, 6],
    ),
  );
  body.push('<h3>Mitigations</h3>');
  body.push(
    htmlTable(
      ['ID', 'Mitigation', 'Category', 'Owner', 'Verification', 'Threats'],
      data.mitigations.map((m) => [
        mitigationLabel(m.num),
        `<strong>${h(m.title)}</strong>${m.description.trim() ? `<div class="small">${h(m.description.trim())}</div>` : ''}`,
        h(CONTROL_CATEGORY_LABELS[m.category]),
        h(m.owner),
        `<span class="desc">${h(m.verification)}</span>`,
        threatsOfMitigation(m, ctx)
          .map(({ t, status }) => `${threatLabel(t.num)} (${status})`)
          .join(', '),
      ]),
      [0],
    ),
  );
  body.push('<h3>Risk matrices</h3><div class="matrices">');
  body.push(htmlMatrix(ctx.before, 'Before mitigation'));
  body.push(htmlMatrix(ctx.after, 'After mitigation'));
  body.push('</div></section>');

  body.push('<section id="q4"><h2>4. Did we do a good enough job?</h2>');
  if (ctx.findings.length === 0) body.push('<p>No open review findings.</p>');
  for (const kind of FINDING_KINDS) {
    const list = ctx.findings.filter((f) => f.kind === kind);
    if (list.length === 0) continue;
    body.push(`<h3>${h(FINDING_TITLES[kind])} (${list.length})</h3><ul>${list.map((f) => `<li class="finding">${h(f.message)}</li>`).join('')}</ul>`);
  }
  body.push('</section>');

  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${h(data.meta.title)}: threat model report</title><style>${CSS}</style></head><body>${body.join('\n')}</body></html>\n`
  );
}

