import { RISK_LEVEL_LABELS, type RiskMatrixCounts } from '../risk/matrix';
import type { BoardData } from './board-data';
import { cap, dateText, escapeMarkdown, type ReportOptions } from './report-common';
import { reportModel, type Block, type Cell, type Column, type Heading, type Inline, type ReportModel, spans } from './report-model';
import { viewMermaid } from './report-mermaid';

/** Free text escaped (inside a table, line breaks become `<br>`); the report's own words as they are. */
function inline(x: Inline, inTable = false): string {
  return spans(x)
    .map((s) => (typeof s === 'string' ? s : escapeMarkdown(s.text, inTable)))
    .join('');
}

function cell(c: Cell): string {
  const text = inline(c.text, true);
  if (!text) return c.empty ?? ' ';
  return c.detail ? `${text} (${inline(c.detail, true)})` : text;
}

function table(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '_None._\n';
  const shown = columns.flatMap((col, i) => (col.only && col.only !== 'markdown' ? [] : [i]));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(shown.map((i) => columns[i]!.head)), line(shown.map(() => '---')), ...rows.map((r) => line(shown.map((i) => cell(r[i]!))))].join('\n') + '\n';
}

function matrix(m: RiskMatrixCounts): string {
  const severities = [...new Set(m.cells.map((c) => c.severity))];
  const rows = severities.map((sev) => [`**${cap(sev)}**`, ...m.cells.filter((c) => c.severity === sev).map((c) => `${c.count} (${RISK_LEVEL_LABELS[c.level]})`)].map((text) => ({ text })));
  const columns = ['Severity of harm \\ exploitability', 'Low', 'Medium', 'High'].map((head) => ({ head }));
  return table(columns, rows) + `\nNot assessed: ${m.unassessed.length}\n`;
}

function block(b: Block, model: ReportModel): string[] {
  switch (b.kind) {
    case 'paragraph':
      return [`${inline(b.text)}\n`];
    case 'table':
      return [table(b.columns, b.rows)];
    case 'list':
      if (b.items.length === 0) return [`_${b.empty}_\n`];
      return [b.items.map((x, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(x.text, true)}${x.aside ? ` (${x.aside})` : ''}`).join('\n') + '\n'];
    case 'diagram':
      // A diagram GitHub and GitLab draw, and that reads as text where they do not.
      return [b.hasElements ? '```mermaid\n' + viewMermaid(model.data, b.view.id, b.view.title) + '\n```\n' : '_This view has no diagram elements._\n'];
    case 'matrix':
      // No side-by-side captions in Markdown: each matrix gets a heading of its own.
      return [`#### Risk ${b.caption.charAt(0).toLowerCase()}${b.caption.slice(1)}\n`, matrix(b.counts)];
    case 'notes':
      return b.items.map((x) => `**${x.label} ${escapeMarkdown(x.title)}**  \n${escapeMarkdown(x.text)}\n`);
  }
}

function heading(level: string, x: Heading, title: string): string {
  return `${level} ${title}${x.aside ? ` (${x.aside.text})` : ''}\n`;
}

function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(model.title)}: threat model report\n`);
  out.push(`Generated ${dateText(model.generatedAt)}. ${model.summary}\n`);
  for (const q of model.sections) {
    out.push(heading('##', q, `${q.num}. ${inline(q.title)}`));
    for (const b of q.blocks) out.push(...block(b, model));
    for (const x of q.subsections) {
      out.push(heading('###', x, inline(x.title)));
      for (const b of x.blocks) out.push(...block(b, model));
    }
  }
  return out.join('\n');
}

/** The report as Markdown, for a repository or a wiki. */
export function reportMarkdown(data: BoardData, opts: ReportOptions = {}): string {
  return renderMarkdown(reportModel(data, opts));
}
