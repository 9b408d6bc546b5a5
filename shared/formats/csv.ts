import { stringify } from 'csv-stringify/sync';
import { cvssScore } from '../risk/cvss';
import { EXPLOITABILITY_LABEL, LINK_STATUS_LABEL, SEVERITY_LABEL, STRATEGY_LABEL, THREAT_STATUS_LABEL } from '../labels';
import { RISK_LEVEL_LABELS, riskAfter, riskBefore, type RiskLevel } from '../risk/matrix';
import { STRIDE_NAMES } from '../threats/library';
import { mitigationLabel, threatLabel } from '../threats/numbering';
import type { Mitigation, Shape, ThreatShape } from '../model/schema';
import { shapeModule, textOf } from '../model/shapes/index';
import { threatsOf, type BoardData } from './board-data';

/**
 * The threat register as CSV, the form in which threats move on into Jira and risk files: one row per
 * threat, UTF-8 with a BOM (so Excel does not read it as a legacy code page), CRLF line ends, quoting per
 * RFC 4180 (csv-stringify writes the file; cells with line breaks are quoted too).
 *
 * Every cell that a spreadsheet could take for a formula (starting with = + - @, also after leading
 * whitespace or control characters, which spreadsheets skip; or with a tab or CR) gets a leading
 * apostrophe: a threat title is typed by any participant, and a register is opened by people with access
 * to much more than the board (OWASP "CSV injection").
 *
 * Cells hold the words people read in the register ("Critical", "Mitigate", "Not decided"), not the codes
 * stored in the document; the JSON backup keeps the codes.
 */
export const CSV_COLUMNS = [
  'ID',
  'Title',
  'STRIDE',
  'Elements',
  'Votes',
  'Severity',
  'Exploitability',
  'Risk',
  'CVSS vector',
  'CVSS score',
  'Strategy',
  'Rationale',
  'Status',
  'Owner',
  'Residual severity',
  'Residual exploitability',
  'Residual risk',
  'Safety hand-off',
  'Mitigations',
] as const;

/** A formula sign after any run of whitespace, control or format characters; or a leading tab or CR. */
const FORMULA_START = /^[\s\p{Cc}\p{Cf}]*[=+\-@]|^[\t\r]/u;

/** A cell value that no spreadsheet will evaluate. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The register's rows (one per threat, by T-number), cells in CSV_COLUMNS order, before neutralisation. */
export function registerRows(data: BoardData): string[][] {
  const shapes = new Map(data.shapes.map((s) => [s.id, s] as const));
  const views = new Map(data.views.map((v) => [v.id, v.title] as const));
  const mitigations = new Map(data.mitigations.map((m) => [m.id, m] as const));
  return threatsOf(data).map((t) => registerRow(t, shapes, views, mitigations));
}

function registerRow(
  t: ThreatShape,
  shapes: ReadonlyMap<string, Shape>,
  views: ReadonlyMap<string, string>,
  mitigations: ReadonlyMap<string, Mitigation>,
): string[] {
  const elements = t.elements.flatMap((id) => {
    const s = shapes.get(id);
    if (!s) return [];
    // What the element is called; a shape without a label (a note, a threat) by its kind.
    const name = (shapeModule(s.kind).textField === 'label' && textOf(s)) || s.kind;
    return [`${name} (${views.get(s.view) ?? s.view})`];
  });
  const cvss = t.cvss.trim() ? cvssScore(t.cvss) : null;
  return [
    threatLabel(t.num),
    t.title,
    STRIDE_NAMES[t.stride],
    elements.join('; '),
    String(t.votes),
    SEVERITY_LABEL[t.severity],
    EXPLOITABILITY_LABEL[t.exploitability],
    riskWord(riskBefore(t)),
    t.cvss,
    cvss === null ? '' : 'error' in cvss ? 'invalid vector' : cvss.score.toFixed(1),
    STRATEGY_LABEL[t.strategy],
    t.rationale,
    THREAT_STATUS_LABEL[t.status],
    t.owner,
    // Empty residual fields mean "as before mitigation", as the register shows them.
    t.residualSeverity ? SEVERITY_LABEL[t.residualSeverity] : 'As before',
    t.residualExploitability ? EXPLOITABILITY_LABEL[t.residualExploitability] : 'As before',
    riskWord(riskAfter(t)),
    t.safetyHandoff ? 'yes' : 'no',
    t.mitigations
      .flatMap((link) => {
        const m = mitigations.get(link.id);
        return m ? [`${mitigationLabel(m.num)} (${LINK_STATUS_LABEL[link.status]})`] : [];
      })
      .join('; '),
  ];
}

function riskWord(level: RiskLevel | ''): string {
  return level ? RISK_LEVEL_LABELS[level] : 'Not assessed';
}

/** The register of a board as CSV text, starting with a BOM. */
export function registerCsv(data: BoardData): string {
  const rows = registerRows(data).map((row) => row.map(neutralizeCell));
  return stringify([[...CSV_COLUMNS], ...rows], {
    bom: true,
    record_delimiter: 'windows',
    eof: true,
    quoted_match: /[\r\n]/,
  });
}
