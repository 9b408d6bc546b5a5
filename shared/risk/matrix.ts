import { EXPLOITABILITIES, SEVERITIES, type Exploitability, type Severity, type ThreatShape } from '../model/schema';

/**
 * The security risk matrix of a board: severity of patient harm (ISO 14971 scale) × exploitability.
 *
 * Medical-device security risk is judged by how easily a threat can be exploited and how badly a patient
 * could be hurt, not by a probability: attackers are not random (AAMI TIR57 / ANSI/AAMI SW96, FDA premarket
 * guidance). The level says what the team owes the threat:
 *   - low:      acceptable; record it and move on.
 *   - medium:   reduce as far as practicable; accepting it needs a written rationale.
 *   - high:     must be mitigated; accepting it needs a rationale and sign-off.
 *   - critical: must be mitigated before release, and belongs in the safety risk file too.
 *
 *   severity \ exploitability │ low      medium    high
 *   ──────────────────────────┼────────────────────────────
 *   catastrophic              │ high     critical  critical
 *   critical                  │ medium   high      critical
 *   serious                   │ medium   medium    high
 *   minor                     │ low      medium    medium
 *   negligible                │ low      low       medium
 *
 * Why these cells: harm weighs more than exploitability, so a threat that could kill a patient stays at
 * least "high" however hard it is to exploit (hard today is not hard forever: tools and disclosures make
 * exploits cheaper), and reaches "critical" once exploiting it takes no more than moderate effort. A
 * threat with negligible harm never goes above "medium", and only when it is easy to exploit, since it can
 * still be a stepping stone to something worse. The table is monotonic: raising either input never lowers
 * the level. A level is '' while either input is unassessed: a guessed level would hide the gap.
 */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export type AssessedSeverity = Exclude<Severity, ''>;
export type AssessedExploitability = Exclude<Exploitability, ''>;

/** Severity scale from least to most harm, without the unassessed value. */
export const SEVERITY_SCALE = SEVERITIES.filter((s): s is AssessedSeverity => s !== '');
export const EXPLOITABILITY_SCALE = EXPLOITABILITIES.filter((e): e is AssessedExploitability => e !== '');

export const RISK_MATRIX: Readonly<Record<AssessedSeverity, Readonly<Record<AssessedExploitability, RiskLevel>>>> = {
  negligible: { low: 'low', medium: 'low', high: 'medium' },
  minor: { low: 'low', medium: 'medium', high: 'medium' },
  serious: { low: 'medium', medium: 'medium', high: 'high' },
  critical: { low: 'medium', medium: 'high', high: 'critical' },
  catastrophic: { low: 'high', medium: 'critical', high: 'critical' },
};

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** The level of one cell; '' when either input is unassessed. */
export function riskLevel(severity: Severity, exploitability: Exploitability): RiskLevel | '' {
  if (severity === '' || exploitability === '') return '';
  return RISK_MATRIX[severity][exploitability];
}

type RiskFields = Pick<ThreatShape, 'severity' | 'exploitability' | 'residualSeverity' | 'residualExploitability'>;

/** Risk before mitigation. */
export function riskBefore(t: RiskFields): RiskLevel | '' {
  return riskLevel(t.severity, t.exploitability);
}

/**
 * Inputs of the risk after mitigation. Each residual field falls back to its value before mitigation when
 * unassessed: most controls lower exploitability and leave the harm as it was, so a team that only fills
 * in residual exploitability still gets a residual level.
 */
export function residualInputs(t: RiskFields): { severity: Severity; exploitability: Exploitability } {
  return { severity: t.residualSeverity || t.severity, exploitability: t.residualExploitability || t.exploitability };
}

/** Risk after mitigation (residual risk). */
export function riskAfter(t: RiskFields): RiskLevel | '' {
  const r = residualInputs(t);
  return riskLevel(r.severity, r.exploitability);
}

export type RiskStage = 'before' | 'after';

export interface MatrixCell {
  severity: AssessedSeverity;
  exploitability: AssessedExploitability;
  level: RiskLevel;
  count: number;
  /** The threats in this cell, so a click on the cell can filter the register. */
  threatIds: string[];
}

export interface RiskMatrixCounts {
  stage: RiskStage;
  /** One per cell: severities from most to least harm (the order of a drawn matrix), exploitability low → high. */
  cells: MatrixCell[];
  /** Threats counted in no cell because an input is unassessed. */
  unassessed: string[];
}

/**
 * Threats per matrix cell, before or after mitigation. Threats marked not applicable are left out: they
 * are not risks of this system.
 */
export function riskMatrixCounts(threats: readonly ThreatShape[], stage: RiskStage): RiskMatrixCounts {
  const cells: MatrixCell[] = [];
  const byKey = new Map<string, MatrixCell>();
  for (const severity of [...SEVERITY_SCALE].reverse()) {
    for (const exploitability of EXPLOITABILITY_SCALE) {
      const cell: MatrixCell = { severity, exploitability, level: RISK_MATRIX[severity][exploitability], count: 0, threatIds: [] };
      cells.push(cell);
      byKey.set(`${severity}/${exploitability}`, cell);
    }
  }
  const unassessed: string[] = [];
  for (const t of threats) {
    if (t.status === 'not-applicable') continue;
    const { severity, exploitability } = stage === 'before' ? { severity: t.severity, exploitability: t.exploitability } : residualInputs(t);
    const cell = severity && exploitability ? byKey.get(`${severity}/${exploitability}`) : undefined;
    if (!cell) {
      unassessed.push(t.id);
      continue;
    }
    cell.count++;
    cell.threatIds.push(t.id);
  }
  return { stage, cells, unassessed };
}

/** The cell of a matrix for one pair of inputs. */
export function matrixCell(m: RiskMatrixCounts, severity: AssessedSeverity, exploitability: AssessedExploitability): MatrixCell {
  const cell = m.cells.find((c) => c.severity === severity && c.exploitability === exploitability);
  if (!cell) throw new Error(`no cell ${severity}/${exploitability}`);
  return cell;
}
