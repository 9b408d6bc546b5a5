import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useBoardDoc, useBoardShapes, useBoardViews, useMe, useSelection } from '../editor/context';
import { countMine } from '../people/mine';
import { OwnerSuggestions } from '../people/OwnerField';
import { useStore } from '../lib/useStore';
import { ColumnChooser, hiddenColumnClasses, useShownColumns } from './ColumnChooser';
import { NO_GROUPS, useElementGroups } from './elementGroups';
import { useMitigations } from './hooks';
import { isThreat, ownersOf, passes, sortThreats, type RowContext } from './rows';
import { useRegisterUi, type SortState } from './state';
import { Filters } from './ThreatFilters';
import { ThreatDrawer } from './ThreatDrawer';
import { ThreatRow } from './ThreatRow';

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
  { key: 'comments', label: 'Comments', title: 'Open comment threads' },
];

/** Always shown, and sticky while the rest scrolls sideways. */
const FIXED_COLUMNS: ReadonlySet<string> = new Set(['id', 'title']);
const OPTIONAL_COLUMNS = COLUMNS.filter((c) => !FIXED_COLUMNS.has(c.key));

/**
 * The threat register: every threat of the board in one live table. Each cell edits the threat record in
 * place (one undo step per change); the row of the threat selected on the canvas is highlighted, and
 * focusing a row selects its note, so the register and the canvas always point at the same threat.
 */
export function ThreatTable() {
  const ui = useRegisterUi();
  const { list, byId } = useBoardShapes();
  const viewList = useBoardViews();
  const mitigationList = useMitigations(useBoardDoc());
  const filters = useStore(ui.filters);
  const sort = useStore(ui.sort);
  const selection = useSelection();
  const focused = useStore(ui.focusedThreat);
  const ownersId = useId();
  const myName = useMe().name;
  const [shown, setShown] = useShownColumns();

  const threats = useMemo(() => list.filter(isThreat), [list]);
  const mineCount = useMemo(() => countMine(threats, myName), [threats, myName]);
  const ctx: RowContext = useMemo(
    () => ({ byId, views: new Map(viewList.map((v) => [v.id, v])), mitigations: new Map(mitigationList.map((m) => [m.id, m])), me: myName }),
    [byId, viewList, mitigationList, myName],
  );
  const rows = useMemo(() => sortThreats(threats.filter((t) => passes(t, filters, ctx)), sort, ctx), [threats, filters, sort, ctx]);
  const owners = useMemo(() => ownersOf(threats, mitigationList), [threats, mitigationList]);
  const elementsOf = useElementGroups(threats, byId, ctx.views);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const drawer = useDrawer(bodyRef);
  const detail = drawer.open ? byId.get(drawer.open) : undefined;

  // Bring the row of the threat selected elsewhere (canvas, a finding, the matrix) into view. Not when it
  // was selected from inside the row: pressing a button in a half-visible row focuses it, which selects
  // the threat, and scrolling then would move the button away before the press ends (no click).
  const target = focused ?? (selection.size === 1 ? [...selection][0]! : null);
  useEffect(() => {
    if (!target) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-threat="${CSS.escape(target)}"]`);
    if (row && !row.contains(document.activeElement)) scrollRowIntoView(row);
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
      <Filters filters={filters} views={viewList} owners={owners} shown={rows.length} total={threats.length} mineCount={mineCount} />
      <OwnerSuggestions id={ownersId} owners={owners} />
      <div className="register-tools">
        <ColumnChooser columns={OPTIONAL_COLUMNS} shown={shown} onChange={setShown} />
      </div>
      <div className="register-split">
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
                  threat={t}
                  elements={elementsOf.get(t.id) ?? NO_GROUPS}
                  mitigations={ctx.mitigations}
                  selected={selection.has(t.id)}
                  flashed={focused === t.id}
                  ownersList={ownersId}
                  detailOpen={drawer.open === t.id}
                  onDetails={drawer.show}
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
        {detail?.kind === 'threat' && (
          <ThreatDrawer
            threat={detail}
            elements={elementsOf.get(detail.id) ?? NO_GROUPS}
            mitigations={ctx.mitigations}
            ownersList={ownersId}
            onClose={drawer.close}
          />
        )}
      </div>
    </section>
  );
}

/**
 * Which threat the detail drawer shows, and where focus goes back to when it closes: the button that
 * opened it, or (when its row was re-rendered or filtered away meanwhile) that row's Details button.
 */
function useDrawer(body: RefObject<HTMLElement | null>) {
  const [open, setOpen] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const show = useCallback((threatId: string, from: HTMLElement) => {
    opener.current = from;
    setOpen(threatId);
  }, []);
  const close = useCallback(() => {
    const id = openRef.current;
    const back = opener.current?.isConnected ? opener.current : id ? body.current?.querySelector<HTMLElement>(`tr[data-threat="${CSS.escape(id)}"] .row-details`) : null;
    setOpen(null);
    back?.focus();
  }, [body]);
  return { open, show, close };
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

