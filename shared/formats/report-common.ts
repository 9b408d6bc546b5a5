import type { ShapeIndex } from '../model/geometry';
import { SHAPE_KIND_LABELS, type Mitigation, type Shape, type ThreatShape, type View } from '../model/schema';
import { isDfdElement, isInDiagram } from '../model/shapes/index';
import { RISK_LEVEL_LABELS, riskMatrixCounts, type RiskLevel, type RiskMatrixCounts } from '../risk/matrix';
import { reviewFindings, type Finding } from '../risk/review';
import { threatLabel } from '../threats/numbering';
import { threatsOf, type BoardData } from './board-data';

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
  /** Shown on the title page and in every footer; by default a fingerprint of the board's content. */
  version?: string;
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

export interface Ctx {
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
  version: string;
}

export function context(data: BoardData, opts: ReportOptions): Ctx {
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
    version: opts.version ?? fingerprint(data),
  };
}


export function shapeName(s: Shape): string {
  if ('label' in s && s.label.trim()) return s.label.trim();
  if (s.kind === 'threat') return threatLabel(s.num);
  return `unnamed ${SHAPE_KIND_LABELS[s.kind].toLowerCase()}`;
}

export function elementNames(t: ThreatShape, ctx: Ctx): string[] {
  return t.elements.flatMap((id) => {
    const s = ctx.shapes.get(id);
    if (!s) return [];
    const view = ctx.views.get(s.view)?.title ?? s.view;
    return [`${shapeName(s)} (${view})`];
  });
}

export function linkedMitigations(t: ThreatShape, ctx: Ctx): { m: Mitigation; status: string }[] {
  return t.mitigations.flatMap((l) => {
    const m = ctx.mitigations.get(l.id);
    return m ? [{ m, status: l.status }] : [];
  });
}

export function threatsOfMitigation(m: Mitigation, ctx: Ctx): { t: ThreatShape; status: string }[] {
  return ctx.threats.flatMap((t) => t.mitigations.filter((l) => l.id === m.id).map((l) => ({ t, status: l.status })));
}

export function levelText(level: RiskLevel | ''): string {
  return level ? RISK_LEVEL_LABELS[level] : 'not assessed';
}

export function dateText(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The shapes of a view's data flow diagram (elements and trust boundaries; each kind's module says). */
export function elementsOf(view: View, ctx: Ctx): Shape[] {
  return ctx.data.shapes.filter((s) => s.view === view.id && isInDiagram(s.kind));
}

export function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function summaryLine(ctx: Ctx): string {
  const open = ctx.threats.filter((t) => t.status === 'open').length;
  const elements = ctx.data.shapes.filter(isDfdElement).length;
  return (
    `${ctx.data.views.length} view${ctx.data.views.length === 1 ? '' : 's'}, ${elements} diagram elements, ${ctx.threats.length} threats ` +
    `(${open} open), ${ctx.data.mitigations.length} mitigations, ${ctx.findings.length} open review findings.`
  );
}


/**
 * A short fingerprint of the board's content (FNV-1a over its JSON, 8 hex digits): two reports with the
 * same version show the same model, and any change to it gives another one.
 */
export function fingerprint(data: BoardData): string {
  const text = JSON.stringify(data);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
