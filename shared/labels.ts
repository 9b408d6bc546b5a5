import type { Exploitability, LINK_STATUSES, Severity, Strategy, THREAT_STATUSES } from './model/schema';

/**
 * The words people read for the register's enum values, in the UI and in the files made for people (CSV,
 * reports). The codes themselves stay in the JSON backup.
 */
export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  '': 'Not assessed',
  negligible: 'Negligible',
  minor: 'Minor',
  serious: 'Serious',
  critical: 'Critical',
  catastrophic: 'Catastrophic',
};
export const EXPLOITABILITY_LABEL: Readonly<Record<Exploitability, string>> = { '': 'Not assessed', low: 'Low', medium: 'Medium', high: 'High' };
export const STRATEGY_LABEL: Readonly<Record<Strategy, string>> = {
  '': 'Not decided',
  eliminate: 'Eliminate',
  mitigate: 'Mitigate',
  accept: 'Accept',
  transfer: 'Transfer',
};
export const LINK_STATUS_LABEL: Readonly<Record<(typeof LINK_STATUSES)[number], string>> = {
  planned: 'Planned',
  implemented: 'Implemented',
  verified: 'Verified',
};
export const THREAT_STATUS_LABEL: Readonly<Record<(typeof THREAT_STATUSES)[number], string>> = {
  open: 'Open',
  mitigated: 'Mitigated',
  accepted: 'Accepted',
  transferred: 'Transferred',
  eliminated: 'Eliminated',
  'not-applicable': 'Not applicable',
};
