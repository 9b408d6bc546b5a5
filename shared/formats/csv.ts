import { stringify } from 'csv-stringify/sync';
import { cvssScore } from '../risk/cvss';
import { riskAfter, riskBefore } from '../risk/matrix';
import { mitigationLabel, threatLabel } from '../threats/numbering';
import type { Mitigation, Shape, ThreatShape } from '../model/schema';
import { threatsOf, type BoardData } from './board-data';

/**
 * The threat register as CSV, the form in which threats move on into Jira and risk files: one row per
 * threat, UTF-8 with a BOM (so Excel does not read it as a legacy code page), CRLF line ends, quoting per
 * RFC 4180 (csv-stringify writes the file; cells with line breaks are quoted too).
 *
 * Every cell that a spreadsheet could take for a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe: a threat title is typed by any participant, and a register is opened by people with access
 * to much more than the board (OWASP "CSV injection").
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

const FORMULA_START = /^[=+\-@\t\r]/;

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
    const name = 'label' in s && s.label ? s.label : s.kind;
    return [`${name} (${views.get(s.view) ?? s.view})`];
  });
  const cvss = t.cvss.trim() ? cvssScore(t.cvss) : null;
  return [
    threatLabel(t.num),
    t.title,
    t.stride,
    elements.join('; '),
    String(t.votes),
    t.severity,
    t.exploitability,
    riskBefore(t),
    t.cvss,
    cvss === null ? '' : 'error' in cvss ? 'invalid vector' : cvss.score.toFixed(1),
    t.strategy,
    t.rationale,
    t.status,
    t.owner,
    t.residualSeverity,
    t.residualExploitability,
    riskAfter(t),
    t.safetyHandoff ? 'yes' : 'no',
    t.mitigations
      .flatMap((link) => {
        const m = mitigations.get(link.id);
        return m ? [`${mitigationLabel(m.num)} (${link.status})`] : [];
      })
      .join('; '),
  ];
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
