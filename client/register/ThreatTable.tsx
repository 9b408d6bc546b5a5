import { memo, useEffect, useId, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { STRIDE, THREAT_STATUSES, type Mitigation, type Shape, type ThreatShape, type View } from '../../shared/model/schema';
import { cvssScore } from '../../shared/risk/cvss';
import { riskAfter, riskBefore } from '../../shared/risk/matrix';
import { mitigationLabel, threatLabel } from '../../shared/threats/numbering';
import { STRIDE_COLORS, STRIDE_NAMES } from '../../shared/threats/stride';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { useShapes } from '../model/hooks';
import { shapeName, STATUS_LABEL, STATUS_OPTIONS } from '../ui/panels/labels';
import { useViews } from '../ui/views/useViews';
import { link, patchThreat, unlink } from './actions';
import { AddMitigationButton } from './AddMitigation';
import { CellSelect, CellText, RiskBadge } from './cells';
import { useMitigations } from './hooks';
import {
  EXPLOITABILITY_OPTIONS,
  LINK_STATUS_OPTIONS,
  needsRationale,
  RESIDUAL_EXPLOITABILITY_OPTIONS,
  RESIDUAL_SEVERITY_OPTIONS,
  SEVERITY_LABEL,
  SEVERITY_OPTIONS,
  EXPLOITABILITY_LABEL,
  STRATEGY_OPTIONS,
} from './labels';
import { ColumnChooser, hiddenColumnClasses, useShownColumns } from './ColumnChooser';
import { isThreat, ownersOf, passes, sortThreats, type RowContext } from './rows';
import { NO_FILTERS, NO_OWNER, registerUi, showMitigation, showOnCanvas, type SortState, type ThreatFilters } from './state';

const COLUMNS: readonly { key: string; label: string; title?: string }[] = [
  { key: 'id', label: 'ID' },
  { key: 'title', label: 'Threat' },
  { key: 'stride', label: 'STRIDE' },
  { key: 'elements', label: 'Elements', title: 'Diagram elements the threat concerns, with their view' },
  { key: 'votes', label: 'Votes', title: 'Dots from the last vote' },
  { key: 'severity', label: 'Severity', title: 'Severity of patient harm (ISO 14971 scale)' },
  { key: 'exploitability', label: 'Exploitability' },
  { key: 'risk', label: 'Risk', title: 'Risk before mitigation, from the risk matrix' },
  { key: 'cvss', label: 'CVSS 3.1', title: 'CVSS 3.1 vector and its base score' },
  { key: 'strategy', label: 'Strategy', title: 'Response: eliminate, mitigate, accept or transfer' },
  { key: 'rationale', label: 'Rationale', title: 'Why: required when a threat is accepted or transferred' },
  { key: 'status', label: 'Status' },
  { key: 'owner', label: 'Owner' },
  { key: 'residualSeverity', label: 'Residual severity', title: 'Severity after mitigation; empty means unchanged' },
  { key: 'residualExploitability', label: 'Residual exploitability', title: 'Exploitability after mitigation; empty means unchanged' },
  { key: 'residualRisk', label: 'Residual risk', title: 'Risk after mitigation, from the risk matrix' },
  { key: 'safetyHandoff', label: 'Safety', title: 'Handed to the safety risk file (AAMI TIR57 / SW96)' },
  { key: 'mitigations', label: 'Mitigations', title: 'Linked mitigations, each with its status for this threat' },
];

/** Always shown, and sticky while the rest scrolls sideways. */
const FIXED_COLUMNS: ReadonlySet<string> = new Set(['id', 'title']);
const OPTIONAL_COLUMNS = COLUMNS.filter((c) => !FIXED_COLUMNS.has(c.key));

/**
 * The threat register: every threat of the board in one live table. Each cell edits the threat record in
 * place (one undo step per change); the row of the threat selected on the canvas is highlighted, and
 * focusing a row selects its note, so the register and the canvas always point at the same threat.
 */
export function ThreatTable({ editor }: { editor: Editor }) {
  const ui = registerUi(editor);
  const { list, byId } = useShapes(editor.doc);
  const viewList = useViews(editor.doc);
  const mitigationList = useMitigations(editor.doc);
  const filters = useStore(ui.filters);
  const sort = useStore(ui.sort);
  const selection = useStore(editor.selection);
  const focused = useStore(ui.focusedThreat);
  const ownersId = useId();
  const [shown, setShown] = useShownColumns();

  const threats = useMemo(() => list.filter(isThreat), [list]);
  const ctx: RowContext = useMemo(
    () => ({ byId, views: new Map(viewList.map((v) => [v.id, v])), mitigations: new Map(mitigationList.map((m) => [m.id, m])) }),
    [byId, viewList, mitigationList],
  );
  const rows = useMemo(() => sortThreats(threats.filter((t) => passes(t, filters, ctx)), sort, ctx), [threats, filters, sort, ctx]);
  const owners = useMemo(() => ownersOf(threats, mitigationList), [threats, mitigationList]);
  const elementsOf = useElementGroups(threats, byId, ctx.views);

  // Bring the row of the threat selected elsewhere (canvas, a finding, the matrix) into view.
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const target = focused ?? (selection.size === 1 ? [...selection][0]! : null);
  useEffect(() => {
    if (!target) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-threat="${CSS.escape(target)}"]`);
    if (row) scrollRowIntoView(row);
  }, [target, rows]);
  useEffect(() => {
    if (!focused) return;
    const t = setTimeout(() => ui.focusedThreat.set(null), 2500);
    return () => clearTimeout(t);
  }, [focused, ui.focusedThreat]);

  return (
    <section className="register-section" aria-labelledby="register-threats-heading">
      <h2 id="register-threats-heading" className="visually-hidden">
        Threats
      </h2>
      <Filters editor={editor} filters={filters} views={viewList} owners={owners} shown={rows.length} total={threats.length} />
      <datalist id={ownersId}>
        {owners.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <div className="register-tools">
        <ColumnChooser columns={OPTIONAL_COLUMNS} shown={shown} onChange={setShown} />
      </div>
      <div className="register-table-wrap">
        <table className={`register-table ${hiddenColumnClasses(COLUMNS, shown, FIXED_COLUMNS)}`}>
          <caption className="visually-hidden">
            Threat register: {rows.length} of {threats.length} threats. Column headers sort; each row's cells edit the threat.
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader key={c.key} column={c} sort={sort} onSort={(s) => ui.sort.set(s)} />
              ))}
            </tr>
          </thead>
          <tbody ref={bodyRef} onKeyDown={moveBetweenRows}>
            {rows.map((t) => (
              <ThreatRow
                key={t.id}
                editor={editor}
                threat={t}
                elements={elementsOf.get(t.id) ?? NO_GROUPS}
                mitigations={ctx.mitigations}
                selected={selection.has(t.id)}
                flashed={focused === t.id}
                ownersList={ownersId}
              />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <p className="register-empty">
            {threats.length === 0
              ? 'No threats yet. Add them on the canvas (the Library tab or a threat note), and they appear here.'
              : 'No threat matches these filters.'}
          </p>
        )}
      </div>
    </section>
  );
}

/**
 * Scroll the table up or down so a row shows, below the sticky header, without moving it sideways: the
 * row is wider than the window, and scrollIntoView would jump to its far end.
 */
function scrollRowIntoView(row: HTMLElement) {
  const wrap = row.closest<HTMLElement>('.register-table-wrap');
  if (!wrap) return;
  const head = wrap.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const r = row.getBoundingClientRect();
  const offset = r.top - wrap.getBoundingClientRect().top + wrap.scrollTop;
  const top = offset - head;
  const bottom = offset + r.height - wrap.clientHeight;
  if (wrap.scrollTop > top) wrap.scrollTop = top;
  else if (wrap.scrollTop < bottom) wrap.scrollTop = bottom;
}

function SortHeader({ column, sort, onSort }: { column: { key: string; label: string; title?: string }; sort: SortState; onSort(s: SortState): void }) {
  const active = sort.key === column.key;
  const next: SortState = { key: column.key, dir: active && sort.dir === 'ascending' ? 'descending' : 'ascending' };
  return (
    <th scope="col" aria-sort={active ? sort.dir : undefined} className={`col-${column.key}`}>
      <button type="button" className="sort-button" title={column.title ? `${column.title}. Sort by this column.` : 'Sort by this column'} onClick={() => onSort(next)}>
        {column.label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.dir === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/** ArrowUp / ArrowDown on a text field or button move to the same column of the row above or below. */
function moveBetweenRows(e: KeyboardEvent<HTMLTableSectionElement>) {
  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const el = e.target as HTMLElement;
  if (el.closest('dialog')) return;
  if (!(el instanceof HTMLButtonElement || (el instanceof HTMLInputElement && (el.type === 'text' || el.type === 'checkbox')))) return;
  const cell = el.closest('td, th') as HTMLTableCellElement | null;
  const row = cell?.parentElement as HTMLTableRowElement | null;
  if (!cell || !row) return;
  const sibling = (e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLTableRowElement | null;
  const next = sibling?.cells[cell.cellIndex]?.querySelector<HTMLElement>('button, input, select');
  if (!next) return;
  e.preventDefault();
  next.focus();
}

function Filters({
  editor,
  filters,
  views,
  owners,
  shown,
  total,
}: {
  editor: Editor;
  filters: ThreatFilters;
  views: readonly View[];
  owners: string[];
  shown: number;
  total: number;
}) {
  const ui = registerUi(editor);
  const set = (patch: Partial<ThreatFilters>) => ui.filters.set({ ...filters, ...patch });
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="register-filters" role="search" aria-label="Filter threats">
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

interface RowProps {
  editor: Editor;
  threat: ThreatShape;
  elements: readonly ElementGroup[];
  mitigations: ReadonlyMap<string, Mitigation>;
  selected: boolean;
  flashed: boolean;
  ownersList: string;
}

const ThreatRow = memo(function ThreatRow({ editor, threat: t, elements, mitigations, selected, flashed, ownersList }: RowProps) {
  const readOnly = !editor.canEdit;
  const id = threatLabel(t.num);
  const set = (patch: Record<string, unknown>) => patchThreat(editor, t.id, patch);
  const rationaleId = useId();
  const cvssId = useId();
  const missingRationale = needsRationale(t);
  const cvss = t.cvss.trim() ? cvssScore(t.cvss) : null;
  const select = () => {
    if (!editor.selection.get().has(t.id) || editor.selection.get().size !== 1) editor.focusShape(t.id);
  };
  return (
    <tr data-threat={t.id} className={`${selected ? 'selected' : ''} ${flashed ? 'flashed' : ''}`} onFocus={select} onClick={(e) => {
      if (!(e.target as HTMLElement).closest('button, input, select, a')) select();
    }}>
      <th scope="row" className="col-id">
        <button type="button" className="row-select" aria-pressed={selected} title="Select this threat (its note on the canvas)">
          {id}
        </button>
      </th>
      <td className="col-title">
        <CellText multiline label={`Title of ${id}`} value={t.title} maxLength={300} readOnly={readOnly} onCommit={(title) => set({ title })} />
      </td>
      <td className="col-stride">
        <span className="stride-select" style={{ background: STRIDE_COLORS[t.stride] }}>
          <CellSelect
            label={`STRIDE category of ${id}`}
            value={t.stride}
            options={STRIDE.map((l) => ({ value: l, label: `${l} ${STRIDE_NAMES[l]}` }))}
            disabled={readOnly}
            onChange={(stride) => set({ stride })}
          />
        </span>
      </td>
      <td className="col-elements">
        <Elements editor={editor} label={id} groups={elements} />
      </td>
      <td className="col-votes num">{t.votes > 0 ? t.votes : <span className="muted">0</span>}</td>
      <td className="col-severity">
        <CellSelect label={`Severity of ${id}`} value={t.severity} options={SEVERITY_OPTIONS} disabled={readOnly} onChange={(severity) => set({ severity })} />
      </td>
      <td className="col-exploitability">
        <CellSelect label={`Exploitability of ${id}`} value={t.exploitability} options={EXPLOITABILITY_OPTIONS} disabled={readOnly} onChange={(exploitability) => set({ exploitability })} />
      </td>
      <td className="col-risk">
        <RiskBadge level={riskBefore(t)} />
      </td>
      <td className="col-cvss">
        <CellText
          label={`CVSS vector of ${id}`}
          value={t.cvss}
          maxLength={200}
          readOnly={readOnly}
          placeholder="CVSS:3.1/AV:…"
          invalid={!!cvss && 'error' in cvss}
          describedBy={cvssId}
          className="mono"
          onCommit={(v) => set({ cvss: v.trim() })}
        />
        <span id={cvssId} className={`cvss-result ${cvss && 'error' in cvss ? 'cvss-error' : ''}`}>
          {cvss === null ? '' : 'error' in cvss ? `⚠ ${cvss.error.replace(/^invalid CVSS vector: /, 'Invalid vector: ')}` : `Base score ${cvss.score.toFixed(1)} (${cvss.severity})`}
        </span>
      </td>
      <td className="col-strategy">
        <CellSelect label={`Strategy of ${id}`} value={t.strategy} options={STRATEGY_OPTIONS} disabled={readOnly} onChange={(strategy) => set({ strategy })} />
      </td>
      <td className="col-rationale">
        <CellText
          multiline
          label={`Rationale of ${id}`}
          value={t.rationale}
          maxLength={5000}
          readOnly={readOnly}
          invalid={missingRationale}
          describedBy={missingRationale ? rationaleId : undefined}
          placeholder={t.strategy === 'accept' || t.strategy === 'transfer' ? 'Required: why?' : ''}
          onCommit={(rationale) => set({ rationale })}
        />
        {missingRationale && (
          <span id={rationaleId} className="cell-warning">
            ⚠ Required for {t.strategy === 'transfer' || t.status === 'transferred' ? 'transfer' : 'accept'}
          </span>
        )}
      </td>
      <td className="col-status">
        <CellSelect label={`Status of ${id}`} value={t.status} options={STATUS_OPTIONS} disabled={readOnly} onChange={(status) => set({ status })} />
      </td>
      <td className="col-owner">
        <CellText label={`Owner of ${id}`} value={t.owner} maxLength={100} readOnly={readOnly} list={ownersList} onCommit={(owner) => set({ owner: owner.trim() })} />
      </td>
      <td className="col-residualSeverity">
        <CellSelect
          label={`Residual severity of ${id}`}
          value={t.residualSeverity}
          options={RESIDUAL_SEVERITY_OPTIONS}
          disabled={readOnly}
          onChange={(residualSeverity) => set({ residualSeverity })}
        />
      </td>
      <td className="col-residualExploitability">
        <CellSelect
          label={`Residual exploitability of ${id}`}
          value={t.residualExploitability}
          options={RESIDUAL_EXPLOITABILITY_OPTIONS}
          disabled={readOnly}
          onChange={(residualExploitability) => set({ residualExploitability })}
        />
      </td>
      <td className="col-residualRisk">
        <RiskBadge level={riskAfter(t)} />
      </td>
      <td className="col-safetyHandoff">
        <label className="cell-check">
          <input
            type="checkbox"
            checked={t.safetyHandoff}
            disabled={readOnly}
            aria-label={`Hand ${id} to the safety risk file`}
            onChange={(e) => set({ safetyHandoff: e.target.checked })}
          />
          <span aria-hidden="true">{t.safetyHandoff ? 'Yes' : 'No'}</span>
        </label>
      </td>
      <td className="col-mitigations">
        <Links editor={editor} threat={t} label={id} mitigations={mitigations} />
      </td>
    </tr>
  );
});

/** The elements of a threat on one view: what the Elements cell shows. */
interface ElementGroup {
  viewTitle: string;
  elements: readonly { id: string; name: string | null }[];
}
const NO_GROUPS: readonly ElementGroup[] = [];

/**
 * Each threat's elements grouped by the view they are on, with their names. Other people dragging shapes
 * change the shape map many times a second; a threat's groups keep their identity while its names and
 * views stay the same, so its (memoised) row does not re-render.
 */
function useElementGroups(threats: readonly ThreatShape[], byId: ReadonlyMap<string, Shape>, views: ReadonlyMap<string, View>): ReadonlyMap<string, readonly ElementGroup[]> {
  const cache = useRef(new Map<string, { key: string; groups: readonly ElementGroup[] }>());
  return useMemo(() => {
    const out = new Map<string, readonly ElementGroup[]>();
    const next = new Map<string, { key: string; groups: readonly ElementGroup[] }>();
    for (const t of threats) {
      const byView = new Map<string, { id: string; name: string | null }[]>();
      for (const id of t.elements) {
        const el = byId.get(id);
        const view = el?.view ?? '';
        byView.set(view, [...(byView.get(view) ?? []), { id, name: el ? shapeName(el) : null }]);
      }
      const groups = [...byView].map(([view, elements]) => ({ viewTitle: views.get(view)?.title ?? '', elements }));
      const key = JSON.stringify(groups);
      const old = cache.current.get(t.id);
      const entry = old && old.key === key ? old : { key, groups };
      next.set(t.id, entry);
      out.set(t.id, entry.groups);
    }
    cache.current = next;
    return out;
  }, [threats, byId, views]);
}

/** The elements a threat concerns, grouped by the view they are on (usually one): names, then the view. */
function Elements({ editor, label, groups }: { editor: Editor; label: string; groups: readonly ElementGroup[] }) {
  if (groups.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="cell-list" aria-label={`Elements of ${label}`}>
      {groups.map((g, i) => (
        <li key={i}>
          {g.elements.map((el) =>
            el.name !== null ? (
              <button key={el.id} type="button" className="link-button cell-link element-link" title="Show this element on the canvas" onClick={() => showOnCanvas(editor, el.id)}>
                {el.name}
              </button>
            ) : (
              <span key={el.id} className="muted element-link">
                (deleted element)
              </span>
            ),
          )}
          {g.viewTitle && <span className="element-view">in {g.viewTitle}</span>}
        </li>
      ))}
    </ul>
  );
}

function Links({ editor, threat, label, mitigations }: { editor: Editor; threat: ThreatShape; label: string; mitigations: ReadonlyMap<string, Mitigation> }) {
  const readOnly = !editor.canEdit;
  const items: ReactNode[] = threat.mitigations.map((l) => {
    const m = mitigations.get(l.id);
    const name = m ? mitigationLabel(m.num) : 'M-?';
    return (
      <li key={l.id} className="link-chip">
        <button
          type="button"
          className="link-button cell-link"
          title={m ? `${m.title || 'Untitled mitigation'}: show it in the Mitigations tab` : 'This mitigation was deleted'}
          disabled={!m}
          onClick={() => showMitigation(editor, l.id)}
        >
          {name}
        </button>
        <CellSelect
          label={`Status of ${name} for ${label}`}
          value={l.status}
          options={LINK_STATUS_OPTIONS}
          disabled={readOnly}
          className="link-status"
          onChange={(status) => link(editor, threat.id, l.id, status)}
        />
        {!readOnly && (
          <button type="button" className="chip-remove" aria-label={`Unlink ${name} from ${label}`} title={`Unlink ${name} from ${label}`} onClick={() => unlink(editor, threat.id, l.id)}>
            <span aria-hidden="true">×</span>
          </button>
        )}
      </li>
    );
  });
  return (
    <div className="links-cell">
      {items.length > 0 && (
        <ul className="cell-list" aria-label={`Mitigations of ${label}`}>
          {items}
        </ul>
      )}
      {!readOnly && <AddMitigationButton editor={editor} threat={threat} label={label} />}
      {readOnly && items.length === 0 && <span className="muted">None</span>}
    </div>
  );
}
