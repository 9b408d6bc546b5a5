import { SHAPE_KIND_LABELS, VIEW_KIND_LABELS, CONTROL_CATEGORY_LABELS } from '../model/schema';
import { cvssSummary } from '../risk/cvss';
import { RISK_LEVEL_LABELS, riskAfter, riskBefore, type RiskMatrixCounts } from '../risk/matrix';
import { FINDING_KINDS, FINDING_TITLES } from '../risk/review';
import { mitigationLabel, threatLabel } from '../threats/numbering';
import { STRIDE_NAMES } from '../threats/stride';
import type { BoardData } from './board-data';
import { cap, context, dateText, elementNames, elementsOf, escapeHtml, isImageDataUrl, levelText, linkedMitigations, shapeName, summaryLine, threatsOfMitigation, type ReportOptions } from './report-common';
import { viewSvg } from './report-svg';

// ---- HTML -----------------------------------------------------------------------------------------

/** Text for a CSS string literal: every character but letters, digits and spaces as a hex escape (so no
 * quote, backslash or `</style>` in a board title can leave the string or the style element). */
export function cssString(s: string): string {
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

interface Heading {
  num: string;
  id: string;
  title: string;
  sub: Heading[];
}

function tocLink(x: Heading): string {
  return `<a href="#${x.id}"><span class="num">${x.num}</span> ${escapeHtml(x.title)}</a>`;
}

/**
 * The report as a document a regulator receives: a title page (board, date, version), the contents, and
 * one numbered section per question with numbered subsections; see `css` for the print layout.
 */
export function reportHtml(data: BoardData, opts: ReportOptions = {}): string {
  const ctx = context(data, opts);
  const h = escapeHtml;
  const body: string[] = [];
  const findingKinds = FINDING_KINDS.filter((k) => ctx.findings.some((f) => f.kind === k));
  // The outline, numbered once: the contents and the headings below use the same numbers and anchors.
  const outline: Heading[] = [
    { num: '1', id: 'q1', title: 'What are we working on?', sub: [...data.views.map((v) => v.title), 'Assumptions'] },
    { num: '2', id: 'q2', title: 'What can go wrong?', sub: [] },
    { num: '3', id: 'q3', title: 'What are we going to do about it?', sub: ['Responses', 'Mitigations', 'Risk matrices'] },
    { num: '4', id: 'q4', title: 'Did we do a good enough job?', sub: findingKinds.map((k) => FINDING_TITLES[k]) },
  ].map((q) => ({ ...q, sub: q.sub.map((title, i) => ({ num: `${q.num}.${i + 1}`, id: `${q.id}-${i + 1}`, title, sub: [] })) }));
  const h3 = (q: number, i: number, extra = '') => {
    const x = outline[q]!.sub[i]!;
    return `<h3 id="${x.id}"><span class="num">${x.num}</span> ${h(x.title)}${extra}</h3>`;
  };
  body.push(
    `<header class="title-page"><p class="doc-kind">Threat model report</p><h1>${h(data.meta.title)}</h1><p>${h(summaryLine(ctx))}</p>` +
      `<dl class="doc-meta"><dt>Board</dt><dd>${h(data.meta.title)}</dd><dt>Date</dt><dd>${h(dateText(ctx.generatedAt))}</dd>` +
      `<dt>Version</dt><dd>${h(ctx.version)}</dd><dt>Structure</dt><dd>The four questions of threat modeling</dd></dl></header>`,
  );
  body.push(
    `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>${outline
      .map((q) => `<li>${tocLink(q)}${q.sub.length ? `<ol>${q.sub.map((x) => `<li>${tocLink(x)}</li>`).join('')}</ol>` : ''}</li>`)
      .join('')}</ol></nav>`,
  );

  body.push('<section id="q1"><h2>1. What are we working on?</h2>');
  data.views.forEach((view, i) => {
    body.push(h3(0, i, ` <span class="small">(${h(VIEW_KIND_LABELS[view.kind])})</span>`));
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
  body.push(h3(0, data.views.length));
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

  body.push('<section id="q3"><h2>3. What are we going to do about it?</h2>' + h3(2, 0));
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
  body.push(h3(2, 1));
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
  body.push(`${h3(2, 2)}<div class="matrices">`);
  body.push(htmlMatrix(ctx.before, 'Before mitigation'));
  body.push(htmlMatrix(ctx.after, 'After mitigation'));
  body.push('</div></section>');

  body.push('<section id="q4"><h2>4. Did we do a good enough job?</h2>');
  if (ctx.findings.length === 0) body.push('<p>No open review findings.</p>');
  for (const [i, kind] of findingKinds.entries()) {
    const list = ctx.findings.filter((f) => f.kind === kind);
    body.push(`${h3(3, i, ` (${list.length})`)}<ul>${list.map((f) => `<li class="finding">${h(f.message)}</li>`).join('')}</ul>`);
  }
  body.push('</section>');

  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${h(data.meta.title)}: threat model report</title><style>${css(data.meta.title, `${dateText(ctx.generatedAt)} · version ${ctx.version}`)}</style></head><body>${body.join('\n')}</body></html>\n`
  );
}

