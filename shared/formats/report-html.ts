import { RISK_LEVEL_LABELS, type RiskMatrixCounts } from '../risk/matrix';
import type { BoardData } from './board-data';
import { cap, dateText, escapeHtml, type ReportOptions } from './report-common';
import { reportModel, type Block, type Cell, type Column, type Heading, type Inline, type ReportModel, spans } from './report-model';
import { viewSvg } from './report-svg';

// ---- HTML -----------------------------------------------------------------------------------------

/** Text for a CSS string literal: every character but letters, digits and spaces as a hex escape (so no
 * quote, backslash or `</style>` in a board title can leave the string or the style element). */
function cssString(s: string): string {
  return `"${[...s.replace(/\s+/g, ' ')].map((ch) => (/[A-Za-z0-9 ]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/**
 * Print layout as Chromium supports CSS paged media: A4, a running header with the board and the
 * document's name, a footer with date, version and "Page n of m" (page margin boxes), none of them on
 * the title page; the contents on a page of their own, each question on a new page, table rows and
 * figures never split across pages, table headers repeated on every page.
 */
function css(title: string, footer: string): string {
  return `
@page { size: A4; margin: 20mm 16mm 18mm;
  @top-left { content: ${cssString(title)}; font: 8pt Helvetica, Arial, sans-serif; color: #495057; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: "Threat model report"; font: 8pt Helvetica, Arial, sans-serif; color: #495057; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(footer)}; font: 8pt Helvetica, Arial, sans-serif; color: #495057; vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Helvetica, Arial, sans-serif; color: #495057; vertical-align: top; padding-top: 3mm; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
:root { color-scheme: light; }
body { font: 10.5pt/1.45 Helvetica, Arial, sans-serif; color: #212529; margin: 0 auto; max-width: 190mm; padding: 12px; }
h1 { font-size: 24pt; margin: 0 0 6px; line-height: 1.2; }
h2 { font-size: 15pt; border-bottom: 2px solid #343a40; padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 12pt; margin: 18px 0 6px; }
h2, h3 { break-after: avoid; }
.title-page { border-bottom: 1px solid #dee2e6; padding-bottom: 12px; }
.doc-kind { text-transform: uppercase; letter-spacing: 0.08em; color: #495057; font-size: 10pt; margin: 0 0 8px; }
.doc-meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 18px 0 0; }
.doc-meta dt { font-weight: bold; }
.doc-meta dd { margin: 0; }
.toc ol { list-style: none; margin: 4px 0 0; padding-left: 0; }
.toc ol ol { padding-left: 22px; }
.toc li { margin: 2px 0; }
.toc .num { display: inline-block; min-width: 30px; }
.num { font-variant-numeric: tabular-nums; }
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
  .title-page { border: 0; min-height: 235mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
  .toc { break-after: page; }
  section { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;
}

const h = escapeHtml;

function inline(x: Inline): string {
  return spans(x)
    .map((s) => h(typeof s === 'string' ? s : s.text))
    .join('');
}

function cell(c: Cell): string {
  let out = inline(c.text);
  if (!out && c.empty) return `<span class="none">${h(c.empty)}</span>`;
  if (c.strong) out = `<strong>${out}</strong>`;
  if (c.multiline) out = `<span class="desc">${out}</span>`;
  if (c.detail) out += `<div class="small">${inline(c.detail)}</div>`;
  if (c.note) out += `<div class="small">${h(c.note)}</div>`;
  return out;
}

function table(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  const shown = columns.flatMap((col, i) => (col.only && col.only !== 'html' ? [] : [i]));
  const cls = (i: number) => (columns[i]!.narrow ? ' class="nowrap"' : '');
  return (
    `<table><thead><tr>${shown.map((i) => `<th scope="col"${cls(i)}>${h(columns[i]!.head)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${shown.map((i) => `<td${cls(i)}>${cell(r[i]!)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
  );
}

function matrix(m: RiskMatrixCounts, caption: string): string {
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
    `<div class="matrix-box"><table class="matrix"><caption>${h(caption)}</caption>` +
    `<thead><tr><th scope="col">Harm \\ exploitability</th><th scope="col">Low</th><th scope="col">Medium</th><th scope="col">High</th></tr></thead>` +
    `<tbody>${rows}</tbody></table><p class="small">Not assessed: ${m.unassessed.length}</p></div>`
  );
}

function block(b: Block, model: ReportModel): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.multiline ? ' class="desc"' : ''}>${inline(b.text)}</p>`;
    case 'table':
      return table(b.columns, b.rows);
    case 'list': {
      if (b.items.length === 0) return `<p class="none">${h(b.empty)}</p>`;
      const tag = b.ordered ? 'ol' : 'ul';
      const li = b.keepTogether ? '<li class="finding">' : '<li>';
      return `<${tag}>${b.items.map((x) => `${li}${inline(x.text)}${x.aside ? ` <span class="small">(${h(x.aside)})</span>` : ''}</li>`).join('')}</${tag}>`;
    }
    case 'diagram': {
      const title = h(b.view.title);
      const picture = b.image ? `<img src="${h(b.image)}" alt="Diagram of ${title}">` : viewSvg(model.data, b.view.id, `v${b.figure - 1}`);
      return `<figure>${picture}<figcaption>Figure ${b.figure}: ${title}</figcaption></figure>`;
    }
    case 'matrix':
      return matrix(b.counts, b.caption);
    case 'notes':
      return '';
  }
}

/** The blocks of one part; risk matrices that follow each other stand side by side. */
function blocks(list: readonly Block[], model: ReportModel): string {
  const out: string[] = [];
  list.forEach((b, i) => {
    const html = block(b, model);
    if (!html) return;
    const first = b.kind === 'matrix' && list[i - 1]?.kind !== 'matrix';
    const last = b.kind === 'matrix' && list[i + 1]?.kind !== 'matrix';
    out.push(`${first ? '<div class="matrices">' : ''}${html}${last ? '</div>' : ''}`);
  });
  return out.join('\n');
}

function tocLink(x: Heading): string {
  return `<a href="#${x.id}"><span class="num">${x.num}</span> ${inline(x.title)}</a>`;
}

function aside(x: Heading): string {
  if (!x.aside) return '';
  return x.aside.small ? ` <span class="small">(${h(x.aside.text)})</span>` : ` (${h(x.aside.text)})`;
}

/**
 * The report as a document a regulator receives: a title page (board, date, version), the contents, and
 * one numbered section per question with numbered subsections; see `css` for the print layout.
 */
function renderHtml(model: ReportModel): string {
  const date = dateText(model.generatedAt);
  const body: string[] = [];
  body.push(
    `<header class="title-page"><p class="doc-kind">Threat model report</p><h1>${h(model.title)}</h1><p>${h(model.summary)}</p>` +
      `<dl class="doc-meta"><dt>Board</dt><dd>${h(model.title)}</dd><dt>Date</dt><dd>${h(date)}</dd>` +
      `<dt>Version</dt><dd>${h(model.version)}</dd><dt>Structure</dt><dd>The four questions of threat modeling</dd></dl></header>`,
  );
  body.push(
    `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>${model.sections
      .map((q) => `<li>${tocLink(q)}${q.subsections.length ? `<ol>${q.subsections.map((x) => `<li>${tocLink(x)}</li>`).join('')}</ol>` : ''}</li>`)
      .join('')}</ol></nav>`,
  );
  for (const q of model.sections) {
    body.push(`<section id="${q.id}"><h2>${q.num}. ${inline(q.title)}</h2>`);
    const own = blocks(q.blocks, model);
    if (own) body.push(own);
    for (const x of q.subsections) {
      body.push(`<h3 id="${x.id}"><span class="num">${x.num}</span> ${inline(x.title)}${aside(x)}</h3>`);
      const html = blocks(x.blocks, model);
      if (html) body.push(html);
    }
    body.push('</section>');
  }
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${h(model.title)}: threat model report</title><style>${css(model.title, `${date} · version ${model.version}`)}</style></head><body>${body.join('\n')}</body></html>\n`
  );
}

/** The printable HTML report. */
export function reportHtml(data: BoardData, opts: ReportOptions = {}): string {
  return renderHtml(reportModel(data, opts));
}
