import { EXPLOITABILITIES, SEVERITIES, STRATEGIES, STRIDE, THREAT_STATUSES, type Mitigation, type Shape, type ThreatShape, type View } from '../../shared/model/schema';
import { cvssScore } from '../../shared/risk/cvss';
import { RISK_LEVELS, residualInputs, riskAfter, riskBefore, type RiskLevel } from '../../shared/risk/matrix';
import { threatLabel } from '../../shared/threats/numbering';
import { shapeName } from '../ui/panels/labels';
import { isMine } from '../people/mine';
import { NO_OWNER, type SortState, type ThreatFilters } from './state';

/**
 * The register's rows: which threats a set of filters keeps, and their order for a column. Pure functions
 * of the board's records, so the table only renders.
 */
export interface RowContext {
  byId: ReadonlyMap<string, Shape>;
  views: ReadonlyMap<string, View>;
  mitigations: ReadonlyMap<string, Mitigation>;
  /** My display name, for the "assigned to me" filter. */
  me?: string;
}

export function isThreat(s: Shape): s is ThreatShape {
  return s.kind === 'threat';
}

function elementNames(t: ThreatShape, ctx: RowContext): string[] {
  return t.elements.map((id) => shapeName(ctx.byId.get(id)));
}

/** Does threat `t` pass every filter? */
export function passes(t: ThreatShape, f: ThreatFilters, ctx: RowContext): boolean {
  if (f.view && t.view !== f.view) return false;
  if (f.stride && t.stride !== f.stride) return false;
  if (f.status && t.status !== f.status) return false;
  if (f.mine && !isMine(t.owner, ctx.me)) return false;
  if (f.owner === NO_OWNER ? t.owner.trim() !== '' : f.owner && t.owner.trim() !== f.owner) return false;
  if (f.cell) {
    // The matrix counts no threat marked not applicable; the filter shows what the cell counted.
    if (t.status === 'not-applicable') return false;
    const inputs = f.cell.stage === 'before' ? { severity: t.severity, exploitability: t.exploitability } : residualInputs(t);
    if (inputs.severity !== f.cell.severity || inputs.exploitability !== f.cell.exploitability) return false;
  }
  const q = f.text.trim().toLowerCase();
  if (q) {
    const hay = [
      threatLabel(t.num),
      t.title,
      t.description,
      t.owner,
      t.rationale,
      t.cvss,
      ...elementNames(t, ctx),
      ...t.mitigations.map((l) => {
        const m = ctx.mitigations.get(l.id);
        return m ? `M-${m.num} ${m.title}` : '';
      }),
    ]
      .join('\n')
      .toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

type SortValue = number | string;

const rank = <T,>(list: readonly T[], v: T): number => list.indexOf(v);
const riskRank = (l: RiskLevel | ''): number => (l === '' ? -1 : RISK_LEVELS.indexOf(l));

/** Sort key of each sortable column. Unassessed values sort below every assessed one. */
export const SORT_KEYS: Readonly<Record<string, (t: ThreatShape, ctx: RowContext) => SortValue>> = {
  id: (t) => t.num || Number.MAX_SAFE_INTEGER,
  title: (t) => t.title.trim().toLowerCase(),
  stride: (t) => rank(STRIDE, t.stride),
  elements: (t, ctx) => elementNames(t, ctx).join(', ').toLowerCase(),
  votes: (t) => t.votes,
  severity: (t) => rank(SEVERITIES, t.severity),
  exploitability: (t) => rank(EXPLOITABILITIES, t.exploitability),
  risk: (t) => riskRank(riskBefore(t)),
  cvss: (t) => {
    if (!t.cvss.trim()) return -2;
    const r = cvssScore(t.cvss);
    return 'error' in r ? -1 : r.score;
  },
  strategy: (t) => rank(STRATEGIES, t.strategy),
  rationale: (t) => t.rationale.trim().toLowerCase(),
  status: (t) => rank(THREAT_STATUSES, t.status),
  owner: (t) => t.owner.trim().toLowerCase(),
  residualSeverity: (t) => rank(SEVERITIES, residualInputs(t).severity),
  residualExploitability: (t) => rank(EXPLOITABILITIES, residualInputs(t).exploitability),
  residualRisk: (t) => riskRank(riskAfter(t)),
  safetyHandoff: (t) => (t.safetyHandoff ? 1 : 0),
  mitigations: (t) => t.mitigations.length,
};

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Rows in the order of a column; ties in T-number order, so the order is stable as people edit. */
export function sortThreats(threats: readonly ThreatShape[], sort: SortState, ctx: RowContext): ThreatShape[] {
  const key = SORT_KEYS[sort.key] ?? SORT_KEYS.id!;
  const dir = sort.dir === 'ascending' ? 1 : -1;
  const byNum = (a: ThreatShape, b: ThreatShape) => (a.num || Infinity) - (b.num || Infinity) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
  return threats
    .map((t) => ({ t, v: key(t, ctx) }))
    .sort((a, b) => dir * compare(a.v, b.v) || byNum(a.t, b.t))
    .map((x) => x.t);
}

/** Owners named on threats, for the owner filter and the owner fields' suggestions. */
export function ownersOf(threats: readonly ThreatShape[], mitigations: readonly Mitigation[] = []): string[] {
  const set = new Set<string>();
  for (const t of threats) if (t.owner.trim()) set.add(t.owner.trim());
  for (const m of mitigations) if (m.owner.trim()) set.add(m.owner.trim());
  return [...set].sort((a, b) => a.localeCompare(b));
}
