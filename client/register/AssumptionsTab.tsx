import { useMemo, useState, type FormEvent } from 'react';
import type { Assumption, ThreatShape } from '../../shared/model/schema';
import { threatLabel } from '../../shared/threats/numbering';
import { useBoardShapes, useSession } from '../editor/context';
import { changeAssumption, createAssumption, moveAssumptionBy, removeAssumption, setAssumptionThreat } from './actions';
import { CellText } from './cells';
import { useAssumptions, useRegisterTarget } from './hooks';
import { isThreat } from './rows';
import { showThreatRow } from './state';

/**
 * The stated assumptions of the threat model ("the hospital network is hostile"), in an order the team
 * chooses, each optionally linked to the threats that rest on it. The report lists them under question 1.
 */
export function AssumptionsTab() {
  const target = useRegisterTarget();
  const assumptions = useAssumptions(target.doc);
  const { list } = useBoardShapes();
  const threats = useMemo(() => list.filter(isThreat).sort((a, b) => (a.num || Infinity) - (b.num || Infinity)), [list]);
  const byId = useMemo(() => new Map(threats.map((t) => [t.id, t])), [threats]);
  return (
    <section className="register-section" aria-labelledby="register-assumptions-heading">
      <div className="register-section-head">
        <h2 id="register-assumptions-heading">Assumptions</h2>
        <p className="hint">What the threat model takes as given. Write them down so reviewers can challenge them, and link the threats that depend on each.</p>
      </div>
      {target.canEdit && <NewAssumption />}
      {assumptions.length === 0 ? (
        <p className="register-empty">No assumptions yet.</p>
      ) : (
        <ol className="assumption-list" aria-label="Assumptions">
          {assumptions.map((a, i) => (
            <AssumptionItem key={a.id} assumption={a} index={i} count={assumptions.length} threats={threats} byId={byId} />
          ))}
        </ol>
      )}
    </section>
  );
}

function NewAssumption() {
  const target = useRegisterTarget();
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    if (createAssumption(target, text)) setText('');
  };
  return (
    <form className="register-new" onSubmit={submit} aria-label="New assumption">
      <label className="filter filter-text">
        <span>New assumption</span>
        <input value={text} maxLength={2000} placeholder="e.g. The hospital network is hostile" onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" className="secondary" disabled={!text.trim()}>
        Add assumption
      </button>
    </form>
  );
}

function AssumptionItem({
  assumption: a,
  index,
  count,
  threats,
  byId,
}: {
  assumption: Assumption;
  index: number;
  count: number;
  threats: readonly ThreatShape[];
  byId: ReadonlyMap<string, ThreatShape>;
}) {
  const target = useRegisterTarget();
  const session = useSession();
  const readOnly = !target.canEdit;
  const n = `assumption ${index + 1}`;
  const candidates = threats.filter((t) => !a.threats.includes(t.id));
  return (
    <li className="assumption">
      <span className="assumption-num" aria-hidden="true">
        A{index + 1}
      </span>
      <div className="assumption-body">
        <CellText label={`Text of ${n}`} value={a.text} maxLength={2000} readOnly={readOnly} onCommit={(text) => changeAssumption(target, a.id, { text })} />
        <div className="assumption-links">
          {a.threats.length > 0 && (
            <ul className="cell-list inline" aria-label={`Threats linked to ${n}`}>
              {a.threats.map((id) => {
                const t = byId.get(id);
                const tl = t ? threatLabel(t.num) : '(deleted threat)';
                return (
                  <li key={id} className="link-chip">
                    <button type="button" className="link-button cell-link" disabled={!t} title={t?.title} onClick={() => showThreatRow(session, id)}>
                      {tl}
                    </button>
                    {!readOnly && (
                      <button type="button" className="chip-remove" aria-label={`Unlink ${tl} from ${n}`} title={`Unlink ${tl}`} onClick={() => setAssumptionThreat(target, a.id, id, false)}>
                        <span aria-hidden="true">×</span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {!readOnly && candidates.length > 0 && (
            <select
              className="cell-select link-threat"
              aria-label={`Link a threat to ${n}`}
              value=""
              onChange={(e) => {
                if (e.target.value) setAssumptionThreat(target, a.id, e.target.value, true);
              }}
            >
              <option value="">Link to threat…</option>
              {candidates.map((t) => (
                <option key={t.id} value={t.id}>
                  {threatLabel(t.num)} {t.title || 'Untitled threat'}
                </option>
              ))}
            </select>
          )}
        </div>
      </div>
      {!readOnly && (
        <div className="assumption-actions">
          <button type="button" className="icon-button" aria-label={`Move ${n} up`} title="Move up" disabled={index === 0} onClick={() => moveAssumptionBy(target, a.id, -1)}>
            <span aria-hidden="true">↑</span>
          </button>
          <button type="button" className="icon-button" aria-label={`Move ${n} down`} title="Move down" disabled={index === count - 1} onClick={() => moveAssumptionBy(target, a.id, 1)}>
            <span aria-hidden="true">↓</span>
          </button>
          <button type="button" className="text-button small register-delete" aria-label={`Delete ${n}`} title="Delete (undo with Ctrl+Z)" onClick={() => removeAssumption(target, a.id)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
