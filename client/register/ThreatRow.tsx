import { memo, useId, type ReactNode } from 'react';
import { STRIDE, type Mitigation, type ThreatShape } from '../../shared/model/schema';
import { cvssScore } from '../../shared/risk/cvss';
import { riskAfter, riskBefore } from '../../shared/risk/matrix';
import { mitigationLabel, threatLabel } from '../../shared/threats/numbering';
import { STRIDE_COLORS, STRIDE_NAMES } from '../../shared/threats/stride';
import { useSession } from '../editor/context';
import { STATUS_OPTIONS } from '../ui/panels/labels';
import { link, patchThreat, unlink } from './actions';
import { AddMitigationButton } from './AddMitigation';
import { CommentCount } from '../comments/CommentCount';
import { useRegisterTarget } from './hooks';
import { CellSelect, CellText, RiskBadge } from './cells';
import type { ElementGroup } from './elementGroups';
import {
  EXPLOITABILITY_OPTIONS,
  LINK_STATUS_OPTIONS,
  needsRationale,
  RESIDUAL_EXPLOITABILITY_OPTIONS,
  RESIDUAL_SEVERITY_OPTIONS,
  SEVERITY_OPTIONS,
  STRATEGY_OPTIONS,
} from './labels';
import { showMitigation, showOnCanvas } from './state';

interface RowProps {
  threat: ThreatShape;
  elements: readonly ElementGroup[];
  mitigations: ReadonlyMap<string, Mitigation>;
  selected: boolean;
  flashed: boolean;
  ownersList: string;
  /** Whether this row is the one open in the detail drawer. */
  detailOpen: boolean;
  /** Open the row in the detail drawer; focus goes back to `from` when it closes. */
  onDetails(threatId: string, from: HTMLElement): void;
}

export const ThreatRow = memo(function ThreatRow({ threat: t, elements, mitigations, selected, flashed, ownersList, detailOpen, onDetails }: RowProps) {
  const target = useRegisterTarget();
  const session = useSession();
  const readOnly = !target.canEdit;
  const id = threatLabel(t.num);
  const set = (patch: Record<string, unknown>) => patchThreat(target, t.id, patch);
  const rationaleId = useId();
  const cvssId = useId();
  const missingRationale = needsRationale(t);
  const cvss = t.cvss.trim() ? cvssScore(t.cvss) : null;
  const select = () => {
    if (!session.selection.get().has(t.id) || session.selection.get().size !== 1) session.focusShape(t.id);
  };
  return (
    <tr data-threat={t.id} className={`${selected ? 'selected' : ''} ${flashed ? 'flashed' : ''}`} onFocus={select} onClick={(e) => {
      if (!(e.target as HTMLElement).closest('button, input, select, a')) select();
    }}>
      {/* Named by the ID alone: the Details button inside is not part of what the row header says. */}
      <th scope="row" className="col-id" aria-label={id}>
        <button
          type="button"
          className="row-select"
          aria-pressed={selected}
          title="Select this threat (its note on the canvas); Enter opens its details"
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
            e.preventDefault();
            onDetails(t.id, e.currentTarget);
          }}
        >
          {id}
        </button>
        <button
          type="button"
          className="row-details"
          aria-label={`Details for ${id}`}
          aria-haspopup="dialog"
          aria-expanded={detailOpen}
          title="All fields of this threat, in a panel beside the table"
          onClick={(e) => onDetails(t.id, e.currentTarget)}
        >
          Details
        </button>
        {/* Open comment threads, where they are seen without the optional Comments column. */}
        <CommentCount target={t.id} itemName={id} hideZero onOpen={(from) => onDetails(t.id, from)} />
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
        <Elements label={id} groups={elements} />
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
        <Links threat={t} label={id} mitigations={mitigations} />
      </td>
      <td className="col-comments">
        <CommentCount target={t.id} itemName={id} onOpen={(from) => onDetails(t.id, from)} />
      </td>
    </tr>
  );
});


/** The elements a threat concerns, grouped by the view they are on (usually one): names, then the view. */
export function Elements({ label, groups }: { label: string; groups: readonly ElementGroup[] }) {
  const session = useSession();
  if (groups.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="cell-list" aria-label={`Elements of ${label}`}>
      {groups.map((g, i) => (
        <li key={i}>
          {g.elements.map((el) =>
            el.name !== null ? (
              <button key={el.id} type="button" className="link-button cell-link element-link" title="Show this element on the canvas" onClick={() => showOnCanvas(session, el.id)}>
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

export function Links({ threat, label, mitigations }: { threat: ThreatShape; label: string; mitigations: ReadonlyMap<string, Mitigation> }) {
  const target = useRegisterTarget();
  const session = useSession();
  const readOnly = !target.canEdit;
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
          onClick={() => showMitigation(session, l.id)}
        >
          {name}
        </button>
        <CellSelect
          label={`Status of ${name} for ${label}`}
          value={l.status}
          options={LINK_STATUS_OPTIONS}
          disabled={readOnly}
          className="link-status"
          onChange={(status) => link(target, threat.id, l.id, status)}
        />
        {!readOnly && (
          <button type="button" className="chip-remove" aria-label={`Unlink ${name} from ${label}`} title={`Unlink ${name} from ${label}`} onClick={() => unlink(target, threat.id, l.id)}>
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
      {!readOnly && <AddMitigationButton threat={threat} label={label} />}
      {readOnly && items.length === 0 && <span className="muted">None</span>}
    </div>
  );
}

