import { OwnerField } from '../people/OwnerField';
import { useId } from 'react';
import type { ThreatShape } from '../../shared/model/schema';
import { cvssScore } from '../../shared/risk/cvss';
import { riskAfter, riskBefore } from '../../shared/risk/matrix';
import { mitigationLabel } from '../../shared/threats/numbering';
import { useSession } from '../editor/context';
import { CheckField, ReadOnlyRow, SelectField, TextField } from '../ui/panels/fields';
import { patchThreat } from './actions';
import { RiskBadge } from './cells';
import { useMitigations, useRegisterTarget } from './hooks';
import {
  EXPLOITABILITY_OPTIONS,
  LINK_STATUS_LABEL,
  needsRationale,
  RESIDUAL_EXPLOITABILITY_OPTIONS,
  RESIDUAL_SEVERITY_OPTIONS,
  SEVERITY_OPTIONS,
  STRATEGY_OPTIONS,
} from './labels';
import { showMitigation, showThreatRow } from './state';
import './register.css';

/**
 * A threat's register fields in the properties panel: risk before and after, the response and who owns
 * it, with the same rules as the register table (rationale required for accept and transfer, CVSS scored
 * by the library).
 */
export function ThreatRegisterFields({ threat: t }: { threat: ThreatShape }) {
  const target = useRegisterTarget();
  const session = useSession();
  const readOnly = !target.canEdit;
  const set = (patch: Record<string, unknown>) => patchThreat(target, t.id, patch);
  const mitigations = useMitigations(target.doc);
  const byId = new Map(mitigations.map((m) => [m.id, m]));
  const warnId = useId();
  const cvss = t.cvss.trim() ? cvssScore(t.cvss) : null;
  return (
    <fieldset className="prop-group register-fields">
      <legend>Risk and response</legend>
      <SelectField label="Severity of harm" value={t.severity} options={SEVERITY_OPTIONS} disabled={readOnly} onChange={(severity) => set({ severity })} />
      <SelectField label="Exploitability" value={t.exploitability} options={EXPLOITABILITY_OPTIONS} disabled={readOnly} onChange={(exploitability) => set({ exploitability })} />
      <ReadOnlyRow label="Risk">
        <RiskBadge level={riskBefore(t)} />
      </ReadOnlyRow>
      <TextField label="CVSS 3.1 vector" value={t.cvss} maxLength={200} readOnly={readOnly} placeholder="CVSS:3.1/AV:…" onCommit={(v) => set({ cvss: v.trim() })} />
      {cvss && (
        <p className={'error' in cvss ? 'field-warning' : 'hint prop-note'}>
          {'error' in cvss ? `⚠ ${cvss.error.replace(/^invalid CVSS vector: /, 'Invalid vector: ')}` : `Base score ${cvss.score.toFixed(1)} (${cvss.severity})`}
        </p>
      )}
      <SelectField label="Strategy" value={t.strategy} options={STRATEGY_OPTIONS} disabled={readOnly} onChange={(strategy) => set({ strategy })} />
      <TextField label="Rationale" multiline value={t.rationale} readOnly={readOnly} describedBy={needsRationale(t) ? warnId : undefined} onCommit={(rationale) => set({ rationale })} />
      {needsRationale(t) && (
        <p id={warnId} className="field-warning">
          ⚠ Accepting or transferring a threat needs a written rationale.
        </p>
      )}
      <OwnerField value={t.owner} readOnly={readOnly} onCommit={(owner) => set({ owner })} />
      <SelectField label="Residual severity" value={t.residualSeverity} options={RESIDUAL_SEVERITY_OPTIONS} disabled={readOnly} onChange={(residualSeverity) => set({ residualSeverity })} />
      <SelectField
        label="Residual exploitability"
        value={t.residualExploitability}
        options={RESIDUAL_EXPLOITABILITY_OPTIONS}
        disabled={readOnly}
        onChange={(residualExploitability) => set({ residualExploitability })}
      />
      <ReadOnlyRow label="Residual risk">
        <RiskBadge level={riskAfter(t)} />
      </ReadOnlyRow>
      <CheckField label="Hand to the safety risk file" checked={t.safetyHandoff} disabled={readOnly} onChange={(safetyHandoff) => set({ safetyHandoff })} />
      <ReadOnlyRow label="Mitigations">
        {t.mitigations.length === 0 ? (
          <span className="muted">None linked</span>
        ) : (
          <span className="prop-links">
            {t.mitigations.map((l) => {
              const m = byId.get(l.id);
              return (
                <button key={l.id} type="button" className="link-button" disabled={!m} onClick={() => showMitigation(session, l.id)}>
                  {m ? `${mitigationLabel(m.num)} ${m.title}` : 'deleted mitigation'} ({LINK_STATUS_LABEL[l.status].toLowerCase()})
                </button>
              );
            })}
          </span>
        )}
      </ReadOnlyRow>
      <button type="button" className="secondary small" onClick={() => showThreatRow(session, t.id)}>
        Open in the register
      </button>
    </fieldset>
  );
}
