import { STRIDE, THREAT_STATUSES, type View } from '../../shared/model/schema';
import { STRIDE_NAMES } from '../../shared/threats/stride';
import { STATUS_LABEL } from '../ui/panels/labels';
import { EXPLOITABILITY_LABEL, SEVERITY_LABEL } from './labels';
import { MineToggle } from '../people/MineToggle';
import { NO_FILTERS, NO_OWNER, useRegisterUi, type ThreatFilters } from './state';

/** The threat register's filters (view, STRIDE, status, owner, text, a risk-matrix cell) and the count shown. */
export function Filters({
  filters,
  views,
  owners,
  shown,
  total,
  mineCount,
}: {
  filters: ThreatFilters;
  views: readonly View[];
  owners: string[];
  shown: number;
  total: number;
  /** Threats assigned to me, whatever the other filters. */
  mineCount: number;
}) {
  const ui = useRegisterUi();
  const set = (patch: Partial<ThreatFilters>) => ui.filters.set({ ...filters, ...patch });
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="register-filters" role="search" aria-label="Filter threats">
      <MineToggle pressed={filters.mine} count={mineCount} onChange={(mine) => set({ mine })} />
      <label className="filter">
        <span>View</span>
        <select value={filters.view} onChange={(e) => set({ view: e.target.value })}>
          <option value="">All views</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.title}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>STRIDE</span>
        <select value={filters.stride} onChange={(e) => set({ stride: e.target.value as ThreatFilters['stride'] })}>
          <option value="">All</option>
          {STRIDE.map((l) => (
            <option key={l} value={l}>
              {l} – {STRIDE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Status</span>
        <select value={filters.status} onChange={(e) => set({ status: e.target.value as ThreatFilters['status'] })}>
          <option value="">All</option>
          {THREAT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Owner</span>
        <select value={filters.owner} onChange={(e) => set({ owner: e.target.value })}>
          <option value="">Anyone</option>
          <option value={NO_OWNER}>No owner</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="filter filter-text">
        <span>Search</span>
        <input type="search" value={filters.text} placeholder="ID, title, element, owner…" onChange={(e) => set({ text: e.target.value })} />
      </label>
      {filters.cell && (
        <span className="cell-filter">
          Risk {filters.cell.stage === 'before' ? 'before' : 'after'} mitigation: {SEVERITY_LABEL[filters.cell.severity]} harm × {EXPLOITABILITY_LABEL[filters.cell.exploitability].toLowerCase()}{' '}
          exploitability
          <button type="button" className="chip-remove" aria-label="Remove the risk matrix filter" title="Remove the risk matrix filter" onClick={() => set({ cell: null })}>
            <span aria-hidden="true">×</span>
          </button>
        </span>
      )}
      {active && (
        <button type="button" className="text-button small" onClick={() => ui.filters.set(NO_FILTERS)}>
          Clear filters
        </button>
      )}
      <span className="filter-count" role="status">
        {shown === total ? `${total} ${total === 1 ? 'threat' : 'threats'}` : `${shown} of ${total} threats`}
      </span>
    </div>
  );
}
