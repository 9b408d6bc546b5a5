import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { STRIDE, type Mitigation, type ThreatShape } from '../../shared/model/schema';
import { cvssScore } from '../../shared/risk/cvss';
import { riskAfter, riskBefore } from '../../shared/risk/matrix';
import { threatLabel } from '../../shared/threats/numbering';
import { STRIDE_NAMES } from '../../shared/threats/stride';
import { Authorship } from '../people/Authorship';
import { OwnerField } from '../people/OwnerField';
import { CheckField, ReadOnlyRow, SelectField, TextField } from '../ui/panels/fields';
import { STATUS_OPTIONS } from '../ui/panels/labels';
import { patchThreat } from './actions';
import { RiskBadge } from './cells';
import { useRegisterTarget } from './hooks';
import type { ElementGroup } from './elementGroups';
import {
  EXPLOITABILITY_OPTIONS,
  needsRationale,
  RESIDUAL_EXPLOITABILITY_OPTIONS,
  RESIDUAL_SEVERITY_OPTIONS,
  SEVERITY_OPTIONS,
  STRATEGY_OPTIONS,
} from './labels';
import { CommentThreads } from '../comments/CommentThreads';
import { Elements, Links } from './ThreatRow';

const STRIDE_CHOICES = STRIDE.map((l) => ({ value: l, label: `${l} – ${STRIDE_NAMES[l]}` }));

/**
 * One threat's long fields beside the register table, wrapped in full: description, rationale, CVSS,
 * mitigations with their link status, owner, risk before and after, status. A non-modal dialog
 * (aria-modal=false): it is opened from a row for one task and dismissed with Escape, which returns focus
 * to the row; the table beside it stays usable, so the focus is not trapped. A complementary landmark
 * would suit a panel that is always there, not one that comes and goes with a row.
 */
export function ThreatDrawer({
  threat: t,
  elements,
  mitigations,
  ownersList,
  onClose,
}: {
  threat: ThreatShape;
  elements: readonly ElementGroup[];
  mitigations: ReadonlyMap<string, Mitigation>;
  ownersList: string;
  onClose(): void;
}) {
  const target = useRegisterTarget();
  const readOnly = !target.canEdit;
  const id = threatLabel(t.num);
  const set = (patch: Record<string, unknown>) => patchThreat(target, t.id, patch);
  const headingId = useId();
  const warnId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const cvss = t.cvss.trim() ? cvssScore(t.cvss) : null;

  // Focus moves into the drawer when it opens and when another row is opened in it.
  useEffect(() => {
    ref.current?.focus();
  }, [t.id]);

  // Escape in a text field puts back its stored value and leaves the field (useDraft); the focus then
  // comes back to the drawer, and the next Escape closes it.
  const onKeyDownCapture = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Escape' || !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) return;
    setTimeout(() => {
      if (document.activeElement === document.body) ref.current?.focus();
    });
  };
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    onClose();
  };

  return (
    <div ref={ref} className="threat-drawer" role="dialog" aria-modal="false" aria-labelledby={headingId} tabIndex={-1} data-threat={t.id} onKeyDown={onKeyDown} onKeyDownCapture={onKeyDownCapture}>
      <div className="threat-drawer-head">
        <h2 id={headingId}>
          <span className="threat-drawer-id">{id}</span> {t.title || 'Untitled threat'}
        </h2>
        <button type="button" className="icon-button" aria-label={`Close details of ${id}`} title="Close (Escape)" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="threat-drawer-body">
        <Authorship record={t} />
        <TextField label="Title" multiline value={t.title} maxLength={300} readOnly={readOnly} onCommit={(title) => set({ title })} />
        <TextField label="Description" multiline value={t.description} readOnly={readOnly} onCommit={(description) => set({ description })} />
        <ReadOnlyRow label="Elements">
          <Elements label={id} groups={elements} />
        </ReadOnlyRow>
        <div className="threat-drawer-pair">
          <SelectField label="STRIDE category" value={t.stride} options={STRIDE_CHOICES} disabled={readOnly} onChange={(stride) => set({ stride })} />
          <SelectField label="Status" value={t.status} options={STATUS_OPTIONS} disabled={readOnly} onChange={(status) => set({ status })} />
        </div>

        <fieldset className="prop-group">
          <legend>Before mitigation</legend>
          <div className="threat-drawer-pair">
            <SelectField label="Severity of harm" value={t.severity} options={SEVERITY_OPTIONS} disabled={readOnly} onChange={(severity) => set({ severity })} />
            <SelectField label="Exploitability" value={t.exploitability} options={EXPLOITABILITY_OPTIONS} disabled={readOnly} onChange={(exploitability) => set({ exploitability })} />
          </div>
          <ReadOnlyRow label="Risk">
            <RiskBadge level={riskBefore(t)} />
          </ReadOnlyRow>
          <TextField label="CVSS 3.1 vector" value={t.cvss} maxLength={200} readOnly={readOnly} placeholder="CVSS:3.1/AV:…" onCommit={(v) => set({ cvss: v.trim() })} />
          {cvss && (
            <p className={'error' in cvss ? 'field-warning' : 'hint prop-note'}>
              {'error' in cvss ? `⚠ ${cvss.error.replace(/^invalid CVSS vector: /, 'Invalid vector: ')}` : `Base score ${cvss.score.toFixed(1)} (${cvss.severity})`}
            </p>
          )}
        </fieldset>

        <fieldset className="prop-group">
          <legend>Response</legend>
          <SelectField label="Strategy" value={t.strategy} options={STRATEGY_OPTIONS} disabled={readOnly} onChange={(strategy) => set({ strategy })} />
          <TextField
            label="Rationale"
            multiline
            value={t.rationale}
            maxLength={5000}
            readOnly={readOnly}
            placeholder={t.strategy === 'accept' || t.strategy === 'transfer' ? 'Required: why?' : ''}
            describedBy={needsRationale(t) ? warnId : undefined}
            onCommit={(rationale) => set({ rationale })}
          />
          {needsRationale(t) && (
            <p id={warnId} className="field-warning">
              ⚠ Accepting or transferring a threat needs a written rationale.
            </p>
          )}
          <OwnerField value={t.owner} readOnly={readOnly} list={ownersList} onCommit={(owner) => set({ owner })} />
          <CheckField label="Hand to the safety risk file" checked={t.safetyHandoff} disabled={readOnly} onChange={(safetyHandoff) => set({ safetyHandoff })} />
        </fieldset>

        <fieldset className="prop-group">
          <legend>After mitigation</legend>
          <div className="threat-drawer-pair">
            <SelectField label="Residual severity" value={t.residualSeverity} options={RESIDUAL_SEVERITY_OPTIONS} disabled={readOnly} onChange={(residualSeverity) => set({ residualSeverity })} />
            <SelectField
              label="Residual exploitability"
              value={t.residualExploitability}
              options={RESIDUAL_EXPLOITABILITY_OPTIONS}
              disabled={readOnly}
              onChange={(residualExploitability) => set({ residualExploitability })}
            />
          </div>
          <ReadOnlyRow label="Residual risk">
            <RiskBadge level={riskAfter(t)} />
          </ReadOnlyRow>
        </fieldset>

        <section className="threat-drawer-links" aria-label={`Mitigations of ${id}`}>
          <h3>Mitigations</h3>
          <Links threat={t} label={id} mitigations={mitigations} />
        </section>
        <CommentThreads target={t.id} itemName={`${id} ${t.title}`.trim()} />
      </div>
    </div>
  );
}
