import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useActions, useCanEdit, useUndoState } from '../editor/context';
import { useStore } from '../lib/useStore';
import { Icon } from '../ui/Icon';
import { AssumptionsTab } from './AssumptionsTab';
import { MitigationsTab } from './MitigationsTab';
import { ReviewList, useFindings } from './ReviewList';
import { RiskMatrices } from './RiskMatrix';
import { REGISTER_TABS, useRegisterUi, type RegisterTab } from './state';
import { ThreatTable } from './ThreatTable';
import './register.css';

/**
 * The register, in place of the canvas: threats, mitigations, assumptions, the risk matrices and the
 * review checklist as tabs. The canvas stays mounted underneath (hidden), so going back shows it as it was
 * and a row's note can be selected and brought into view while the register is open.
 */
export function RegisterArea() {
  const mode = useStore(useRegisterUi().mode);
  if (mode !== 'register') return null;
  return <RegisterView />;
}

/** While the register covers the canvas, the canvas, tools and zoom buttons under it cannot be reached. */
const UNDER_REGISTER = ':scope > .canvas-host, :scope > .toolbar, :scope > .zoom-controls, :scope > .empty-hint';

function useInertBelow(ref: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const below = [...(ref.current?.parentElement?.querySelectorAll<HTMLElement>(UNDER_REGISTER) ?? [])];
    for (const el of below) el.inert = true;
    return () => {
      for (const el of below) el.inert = false;
    };
  }, [ref]);
}

function RegisterView() {
  const ui = useRegisterUi();
  const actions = useActions();
  const canEdit = useCanEdit();
  const areaRef = useRef<HTMLDivElement>(null);
  useInertBelow(areaRef);
  const tab = useStore(ui.tab);
  const findings = useFindings();
  const undo = useUndoState();
  const tabsRef = useRef<HTMLDivElement>(null);

  const onTabKey = (e: KeyboardEvent) => {
    const i = REGISTER_TABS.findIndex((t) => t.id === tab);
    const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? REGISTER_TABS.length - 1 : null;
    if (j === null) return;
    e.preventDefault();
    const next = REGISTER_TABS[(j + REGISTER_TABS.length) % REGISTER_TABS.length]!;
    ui.tab.set(next.id);
    tabsRef.current?.querySelector<HTMLButtonElement>(`#register-tab-${next.id}`)?.focus();
  };

  // The board's single-key shortcuts (N places a note, Delete removes the selection…) act on the hidden
  // canvas: keep them away from the register. Undo and redo still reach the editor.
  const onKeyDown = (e: KeyboardEvent) => {
    const k = e.key.toLowerCase();
    if ((e.metaKey || e.ctrlKey) && (k === 'z' || k === 'y')) return;
    e.stopPropagation();
  };

  return (
    <div className="register-area" role="region" aria-label="Register" onKeyDown={onKeyDown} ref={areaRef}>
      <div className="register-head">
        <div className="register-tabs" role="tablist" aria-label="Register sections" ref={tabsRef} onKeyDown={onTabKey}>
          {REGISTER_TABS.map((t) => (
            <button
              key={t.id}
              id={`register-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls="register-panel"
              tabIndex={tab === t.id ? 0 : -1}
              className="register-tab"
              onClick={() => ui.tab.set(t.id as RegisterTab)}
            >
              {t.label}
              {t.id === 'review' && findings.length > 0 && <span className="tab-count"> ({findings.length})</span>}
            </button>
          ))}
        </div>
        {canEdit && (
          <div className="register-undo" role="group" aria-label="History">
            <button type="button" className="icon-button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!undo.canUndo} onClick={() => actions.undoLast()}>
              <Icon name="undo" />
            </button>
            <button type="button" className="icon-button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!undo.canRedo} onClick={() => actions.redoLast()}>
              <Icon name="redo" />
            </button>
          </div>
        )}
      </div>
      <div id="register-panel" role="tabpanel" aria-labelledby={`register-tab-${tab}`} className={`register-body register-${tab}`}>
        {!canEdit && <p className="hint register-readonly">You can view this register but not change it.</p>}
        {tab === 'threats' && <ThreatTable />}
        {tab === 'mitigations' && <MitigationsTab />}
        {tab === 'assumptions' && <AssumptionsTab />}
        {tab === 'matrix' && <RiskMatrices />}
        {tab === 'review' && <ReviewList />}
      </div>
    </div>
  );
}
