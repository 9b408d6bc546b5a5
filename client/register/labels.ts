import { CONTROL_CATEGORIES, CONTROL_CATEGORY_LABELS, EXPLOITABILITIES, LINK_STATUSES, SEVERITIES, STRATEGIES, type Strategy } from '../../shared/model/schema';
import { EXPLOITABILITY_LABEL, LINK_STATUS_LABEL, SEVERITY_LABEL, STRATEGY_LABEL } from '../../shared/labels';

/** Words for the register's enums (shared with the CSV export), for selects, headers and read-only text. */
export { EXPLOITABILITY_LABEL, LINK_STATUS_LABEL, SEVERITY_LABEL, STRATEGY_LABEL };

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
