import {
  CONTROL_CATEGORIES,
  CONTROL_CATEGORY_LABELS,
  EXPLOITABILITIES,
  LINK_STATUSES,
  SEVERITIES,
  STRATEGIES,
  type Exploitability,
  type Severity,
  type Strategy,
} from '../../shared/model/schema';

/** Words for the register's enums, for selects, headers and read-only text. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  '': 'Not assessed',
  negligible: 'Negligible',
  minor: 'Minor',
  serious: 'Serious',
  critical: 'Critical',
  catastrophic: 'Catastrophic',
};
export const EXPLOITABILITY_LABEL: Record<Exploitability, string> = { '': 'Not assessed', low: 'Low', medium: 'Medium', high: 'High' };
export const STRATEGY_LABEL: Record<Strategy, string> = { '': 'Not decided', eliminate: 'Eliminate', mitigate: 'Mitigate', accept: 'Accept', transfer: 'Transfer' };
export const LINK_STATUS_LABEL: Record<(typeof LINK_STATUSES)[number], string> = { planned: 'Planned', implemented: 'Implemented', verified: 'Verified' };

export const SEVERITY_OPTIONS = SEVERITIES.map((v) => ({ value: v, label: SEVERITY_LABEL[v] }));
export const EXPLOITABILITY_OPTIONS = EXPLOITABILITIES.map((v) => ({ value: v, label: EXPLOITABILITY_LABEL[v] }));
/** Residual fields left empty fall back to the value before mitigation (see shared/risk/matrix.ts). */
export const RESIDUAL_SEVERITY_OPTIONS = SEVERITIES.map((v) => ({ value: v, label: v === '' ? 'As before' : SEVERITY_LABEL[v] }));
export const RESIDUAL_EXPLOITABILITY_OPTIONS = EXPLOITABILITIES.map((v) => ({ value: v, label: v === '' ? 'As before' : EXPLOITABILITY_LABEL[v] }));
export const STRATEGY_OPTIONS = STRATEGIES.map((v) => ({ value: v, label: STRATEGY_LABEL[v] }));
export const LINK_STATUS_OPTIONS = LINK_STATUSES.map((v) => ({ value: v, label: LINK_STATUS_LABEL[v] }));
export const CATEGORY_OPTIONS = CONTROL_CATEGORIES.map((v) => ({ value: v, label: CONTROL_CATEGORY_LABELS[v] }));

/** Accept and transfer must be written down with a reason (DOMAIN: never silent acceptance or transfer). */
export function needsRationale(t: { strategy: Strategy; status: string; rationale: string }): boolean {
  return (t.strategy === 'accept' || t.strategy === 'transfer' || t.status === 'accepted' || t.status === 'transferred') && t.rationale.trim() === '';
}
