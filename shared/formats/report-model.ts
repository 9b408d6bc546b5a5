import { CONTROL_CATEGORY_LABELS, SHAPE_KIND_LABELS, VIEW_KIND_LABELS, type View } from '../model/schema';
import { cvssSummary } from '../risk/cvss';
import { riskAfter, riskBefore, type RiskMatrixCounts } from '../risk/matrix';
import { FINDING_KINDS, FINDING_TITLES } from '../risk/review';
import { mitigationLabel, threatLabel } from '../threats/numbering';
import { STRIDE_NAMES } from '../threats/stride';
import type { BoardData } from './board-data';
import { cap, context, elementNames, elementsOf, isImageDataUrl, levelText, linkedMitigations, shapeName, summaryLine, threatsOfMitigation, type ReportOptions } from './report-common';

/**
 * The threat model report as data: what it says, in which order, under which numbered heading. The HTML
 * page (`report-html.ts`) and the Markdown file (`report-markdown.ts`) walk this one structure, so a
 * section, table or column added here appears in both.
 *
 * Text is kept unescaped; each renderer escapes for its format. A plain string is a word of the report
 * itself (a label, a number) and is written as is in Markdown; `{ text }` is free text (from the board,
 * or derived from it) and is always escaped.
 */
export type Span = string | { readonly text: string };
export type Inline = Span | readonly Span[];

export function spans(x: Inline): readonly Span[] {
  return typeof x === 'string' || !Array.isArray(x) ? [x as Span] : (x as readonly Span[]);
}

export interface Cell {
  readonly text: Inline;
  /** The row's name: bold where the format has it. */
  readonly strong?: boolean;
  /** A short gloss: a second small line in HTML, in parentheses in Markdown. */
  readonly detail?: Inline;
  /** A long description under the name in HTML; Markdown tables leave it out (see `only`). */
  readonly note?: string;
  /** Free text whose line breaks matter. */
  readonly multiline?: boolean;
  /** Said instead of an empty value. */
  readonly empty?: string;
}

export type ReportFormat = 'html' | 'markdown';

export interface Column {
  readonly head: string;
  /** Short values that must not wrap (IDs, levels, counts). */
  readonly narrow?: boolean;
  /** A column only one format shows, where the other shows the same fact elsewhere (a cell's `note`). */
  readonly only?: ReportFormat;
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: Inline; readonly multiline?: boolean }
  | { readonly kind: 'table'; readonly columns: readonly Column[]; readonly rows: readonly (readonly Cell[])[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly { text: Inline; aside?: string }[]; readonly empty: string; readonly keepTogether?: boolean }
  /** A picture of one view: a given image, else drawn from the geometry (SVG in HTML, Mermaid in Markdown). */
  | { readonly kind: 'diagram'; readonly view: View; readonly figure: number; readonly hasElements: boolean; readonly image?: string }
  | { readonly kind: 'matrix'; readonly caption: string; readonly counts: RiskMatrixCounts }
  /** Long descriptions after a table, for Markdown, whose tables cannot hold them (HTML has them as notes). */
  | { readonly kind: 'notes'; readonly only: 'markdown'; readonly items: readonly { label: string; title: string; text: string }[] };

export interface Heading {
  /** `1`, `1.2`; also the anchor, as `q1`, `q1-2`. */
  readonly num: string;
  readonly id: string;
  readonly title: Inline;
  /** Said after the title in the heading, not in the contents: the view's kind, a count. */
  readonly aside?: { readonly text: string; readonly small?: boolean };
}

export interface Subsection extends Heading {
  readonly blocks: readonly Block[];
}

export interface Section extends Heading {
  readonly blocks: readonly Block[];
  readonly subsections: readonly Subsection[];
}

export interface ReportModel {
  readonly data: BoardData;
  readonly title: string;
  readonly summary: string;
  readonly generatedAt: Date;
  readonly version: string;
  /** The four questions of threat modeling, in order. */
  readonly sections: readonly Section[];
}

const user = (text: string): Span => ({ text });

function inScope(s: BoardData['shapes'][number]): Inline {
  if (!('outOfScope' in s) || !s.outOfScope) return 'Yes';
  return s.outOfScopeReason.trim() ? ['No: ', user(s.outOfScopeReason)] : 'No';
}

function numbered(q: number, title: Inline, parts: readonly (Omit<Subsection, 'num' | 'id' | 'title'> & { title: Inline })[], blocks: Block[] = []): Section {
  return {
    num: String(q),
    id: `q${q}`,
    title,
    blocks,
    subsections: parts.map((p, i) => ({ ...p, num: `${q}.${i + 1}`, id: `q${q}-${i + 1}` })),
  };
}

export function reportModel(data: BoardData, opts: ReportOptions = {}): ReportModel {
  const ctx = context(data, opts);
  const byThreatId = new Map(ctx.threats.map((t) => [t.id, t] as const));

  const views = data.views.map((view, i) => {
    const els = elementsOf(view, ctx);
    const given = ctx.images[view.id];
    const blocks: Block[] = [];
    if (view.description.trim()) blocks.push({ kind: 'paragraph', text: user(view.description.trim()), multiline: true });
    blocks.push({ kind: 'diagram', view, figure: i + 1, hasElements: els.length > 0, ...(given && isImageDataUrl(given) ? { image: given } : {}) });
    blocks.push({
      kind: 'table',
      columns: [{ head: 'Kind', narrow: true }, { head: 'Name' }, { head: 'Description' }, { head: 'In scope' }],
      rows: els.map((s) => [{ text: SHAPE_KIND_LABELS[s.kind] }, { text: user(shapeName(s)) }, { text: user('description' in s ? s.description : ''), multiline: true }, { text: inScope(s) }]),
    });
    return { title: user(view.title), aside: { text: VIEW_KIND_LABELS[view.kind], small: true }, blocks };
  });
  const assumptions = {
    title: 'Assumptions',
    blocks: [
      {
        kind: 'list',
        ordered: true,
        empty: 'No assumptions are recorded.',
        items: data.assumptions.map((a) => {
          const linked = a.threats.flatMap((id) => (byThreatId.get(id) ? [threatLabel(byThreatId.get(id)!.num)] : []));
          return { text: user(a.text), ...(linked.length ? { aside: linked.join(', ') } : {}) };
        }),
      },
    ] satisfies Block[],
  };

  const threats: Block[] = [
    {
      kind: 'table',
      columns: ['ID', 'Threat', 'STRIDE', 'Elements', 'Votes', 'Status', 'Risk before', 'Risk after', 'CVSS'].map((head, i) => ({ head, narrow: [0, 2, 4, 5, 6, 7, 8].includes(i) })),
      rows: ctx.threats.map((t) => [
        { text: threatLabel(t.num) },
        { text: user(t.title), strong: true, note: t.description.trim() },
        { text: t.stride, detail: STRIDE_NAMES[t.stride] },
        { text: user(elementNames(t, ctx).join('; ')) },
        { text: String(t.votes) },
        { text: t.status },
        { text: levelText(riskBefore(t)) },
        { text: levelText(riskAfter(t)) },
        { text: user(cvssSummary(t.cvss)) },
      ]),
    },
    { kind: 'notes', only: 'markdown', items: ctx.threats.filter((t) => t.description.trim()).map((t) => ({ label: threatLabel(t.num), title: t.title, text: t.description.trim() })) },
  ];

  const responses: Block = {
    kind: 'table',
    columns: ['ID', 'Strategy', 'Rationale', 'Owner', 'Mitigations', 'Residual risk', 'Safety hand-off'].map((head, i) => ({ head, narrow: [0, 1, 5, 6].includes(i) })),
    rows: ctx.threats.map((t) => [
      { text: threatLabel(t.num) },
      { text: cap(t.strategy), empty: 'none yet' },
      { text: user(t.rationale), multiline: true },
      { text: user(t.owner) },
      { text: linkedMitigations(t, ctx).map(({ m, status }) => `${mitigationLabel(m.num)} (${status})`).join(', ') },
      { text: levelText(riskAfter(t)) },
      { text: t.safetyHandoff ? 'Yes' : 'No' },
    ]),
  };
  const mitigations: Block = {
    kind: 'table',
    columns: [{ head: 'ID', narrow: true }, { head: 'Mitigation' }, { head: 'Category' }, { head: 'Description', only: 'markdown' }, { head: 'Owner' }, { head: 'Verification' }, { head: 'Threats' }],
    rows: data.mitigations.map((m) => [
      { text: mitigationLabel(m.num) },
      { text: user(m.title), strong: true, note: m.description.trim() },
      { text: CONTROL_CATEGORY_LABELS[m.category] },
      { text: user(m.description) },
      { text: user(m.owner) },
      { text: user(m.verification), multiline: true },
      { text: threatsOfMitigation(m, ctx).map(({ t, status }) => `${threatLabel(t.num)} (${status})`).join(', ') },
    ]),
  };

  const findingKinds = FINDING_KINDS.filter((k) => ctx.findings.some((f) => f.kind === k));
  const findings = findingKinds.map((kind) => {
    const list = ctx.findings.filter((f) => f.kind === kind);
    return {
      title: FINDING_TITLES[kind],
      aside: { text: String(list.length) },
      blocks: [{ kind: 'list', ordered: false, keepTogether: true, empty: '', items: list.map((f) => ({ text: user(f.message) })) }] satisfies Block[],
    };
  });

  return {
    data,
    title: data.meta.title,
    summary: summaryLine(ctx),
    generatedAt: ctx.generatedAt,
    version: ctx.version,
    sections: [
      numbered(1, 'What are we working on?', [...views, assumptions]),
      numbered(2, 'What can go wrong?', [], threats),
      numbered(3, 'What are we going to do about it?', [
        { title: 'Responses', blocks: [responses] },
        { title: 'Mitigations', blocks: [mitigations] },
        {
          title: 'Risk matrices',
          blocks: [
            { kind: 'matrix', caption: 'Before mitigation', counts: ctx.before },
            { kind: 'matrix', caption: 'After mitigation', counts: ctx.after },
          ],
        },
      ]),
      numbered(4, 'Did we do a good enough job?', findings, ctx.findings.length === 0 ? [{ kind: 'paragraph', text: 'No open review findings.' }] : []),
    ],
  };
}
