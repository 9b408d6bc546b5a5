import { SHAPE_KIND_LABELS, VIEW_KIND_LABELS, CONTROL_CATEGORY_LABELS } from '../model/schema';
import { cvssSummary } from '../risk/cvss';
import { RISK_LEVEL_LABELS, riskAfter, riskBefore, type RiskMatrixCounts } from '../risk/matrix';
import { FINDING_KINDS, FINDING_TITLES } from '../risk/review';
import { mitigationLabel, threatLabel } from '../threats/numbering';
import { STRIDE_NAMES } from '../threats/stride';
import type { BoardData } from './board-data';
import { cap, context, dateText, elementNames, elementsOf, escapeMarkdown, levelText, linkedMitigations, shapeName, summaryLine, threatsOfMitigation, type ReportOptions } from './report-common';
import { viewMermaid } from './report-mermaid';

export { escapeHtml, escapeMarkdown, isImageDataUrl, type ReportOptions } from './report-common';
export { reportHtml } from './report-html';
export { viewSvg } from './report-svg';

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

