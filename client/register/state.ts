import type { Stride, ThreatShape } from '../../shared/model/schema';
import type { AssessedExploitability, AssessedSeverity, RiskStage } from '../../shared/risk/matrix';
import { useSession } from '../editor/context';
import type { SessionState } from '../editor/session-state';
import { createStore, type Store } from '../lib/store';

/**
 * Session state of the register (local to this tab, never synced): whether the main area shows the
 * canvas or the register, the open register tab, filters and sort order. One set per open board (keyed
 * by its session state), so a board opened again starts fresh and two boards never share filters.
 */
export type MainMode = 'canvas' | 'register';
export const REGISTER_TABS = [
  { id: 'threats', label: 'Threats' },
  { id: 'mitigations', label: 'Mitigations' },
  { id: 'assumptions', label: 'Assumptions' },
  { id: 'matrix', label: 'Risk matrix' },
  { id: 'review', label: 'Review' },
] as const;
export type RegisterTab = (typeof REGISTER_TABS)[number]['id'];

/** A risk-matrix cell chosen as a filter: the register shows the threats that fall in it. */
export interface CellFilter {
  stage: RiskStage;
  severity: AssessedSeverity;
  exploitability: AssessedExploitability;
}

export interface ThreatFilters {
  /** View id, or '' for all views. A threat is on the view of its note. */
  view: string;
  stride: Stride | '';
  status: ThreatShape['status'] | '';
  /** Owner name; NO_OWNER for threats nobody owns; '' for any. */
  owner: string;
  text: string;
  cell: CellFilter | null;
  /**
   * Only what is assigned to me: threats and mitigations whose owner is my display name (people/mine.ts).
   * The canvas reads it too, dimming everything else, so one "Assigned to me" holds across the page.
   */
  mine: boolean;
}

export const NO_OWNER = '\u0000none';

export const NO_FILTERS: ThreatFilters = { view: '', stride: '', status: '', owner: '', text: '', cell: null, mine: false };

export type SortDir = 'ascending' | 'descending';
export interface SortState {
  key: string;
  dir: SortDir;
}

export interface RegisterUi {
  mode: Store<MainMode>;
  tab: Store<RegisterTab>;
  filters: Store<ThreatFilters>;
  sort: Store<SortState>;
  /** A mitigation to bring into view and highlight on the Mitigations tab (from a link or a finding). */
  focusedMitigation: Store<string | null>;
  /** A threat row to scroll to and highlight (from a finding or a matrix cell), even when not selected. */
  focusedThreat: Store<string | null>;
}

const uis = new WeakMap<SessionState, RegisterUi>();

export function registerUi(session: SessionState): RegisterUi {
  let ui = uis.get(session);
  if (!ui) {
    ui = {
      mode: createStore<MainMode>('canvas'),
      tab: createStore<RegisterTab>('threats'),
      filters: createStore<ThreatFilters>(NO_FILTERS),
      sort: createStore<SortState>({ key: 'id', dir: 'ascending' }, (a, b) => a.key === b.key && a.dir === b.dir),
      focusedMitigation: createStore<string | null>(null),
      focusedThreat: createStore<string | null>(null),
    };
    uis.set(session, ui);
  }
  return ui;
}

/** The register state of the open board (the stores, without subscribing). */
export function useRegisterUi(): RegisterUi {
  return registerUi(useSession());
}

/** Back to the canvas, with the shape selected and in view. */
export function showOnCanvas(session: SessionState, shapeId: string): void {
  registerUi(session).mode.set('canvas');
  session.focusShape(shapeId);
}

/** Show one threat's row: filters that would hide it are cleared. */
export function showThreatRow(session: SessionState, threatId: string): void {
  const ui = registerUi(session);
  ui.filters.set(NO_FILTERS);
  ui.tab.set('threats');
  ui.mode.set('register');
  session.focusShape(threatId);
  ui.focusedThreat.set(threatId);
}

export function showMitigation(session: SessionState, mitigationId: string): void {
  const ui = registerUi(session);
  const filters = ui.filters.get();
  if (filters.mine) ui.filters.set({ ...filters, mine: false });
  ui.tab.set('mitigations');
  ui.mode.set('register');
  ui.focusedMitigation.set(mitigationId);
}
