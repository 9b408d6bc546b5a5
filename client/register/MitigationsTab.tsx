import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Mitigation, ThreatShape } from '../../shared/model/schema';
import { mitigationLabel, threatLabel } from '../../shared/threats/numbering';
import { useBoardShapes, useMe, useSession } from '../editor/context';
import { countMine, isMine } from '../people/mine';
import { MineToggle } from '../people/MineToggle';
import { OwnerSuggestions } from '../people/OwnerField';
import { useStore } from '../lib/useStore';
import { changeMitigation, createMitigation, link, removeMitigation, unlink, type Category } from './actions';
import { CellSelect, CellText } from './cells';
import { useMitigations, useRegisterTarget } from './hooks';
import { CATEGORY_OPTIONS, LINK_STATUS_OPTIONS } from './labels';
import { isThreat, ownersOf } from './rows';
import { MitigationComments } from '../comments/CommentCount';
import { showThreatRow, useRegisterUi } from './state';

/**
 * Mitigations (security controls) as records of their own: M-number, FDA control category, description,
 * owner and where it is verified, and the threats it answers, each link with its own status. Deleting one
 * removes its links too, in one undo step.
 */
export function MitigationsTab() {
  const target = useRegisterTarget();
  const ui = useRegisterUi();
  const mitigations = useMitigations(target.doc);
  const { list } = useBoardShapes();
  const threats = useMemo(() => list.filter(isThreat).sort((a, b) => (a.num || Infinity) - (b.num || Infinity)), [list]);
  const focused = useStore(ui.focusedMitigation);
  const owners = useMemo(() => ownersOf(threats, mitigations), [threats, mitigations]);
  const ownersId = useId();
  const filters = useStore(ui.filters);
  const myName = useMe().name;
  const shown = useMemo(() => (filters.mine ? mitigations.filter((m) => isMine(m.owner, myName)) : mitigations), [filters.mine, mitigations, myName]);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  // Links live on the threats: gather them per mitigation once per change.
  const linksByMitigation = useMemo(() => {
    const out = new Map<string, { threat: ThreatShape; status: ThreatShape['mitigations'][number]['status'] }[]>();
    for (const t of threats) {
      for (const l of t.mitigations) {
        const list = out.get(l.id) ?? [];
        list.push({ threat: t, status: l.status });
        out.set(l.id, list);
      }
    }
    return out;
  }, [threats]);

  useEffect(() => {
    if (!focused) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-mitigation="${CSS.escape(focused)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
    row?.querySelector<HTMLElement>('textarea, input')?.focus({ preventScroll: true });
    const t = setTimeout(() => ui.focusedMitigation.set(null), 2500);
    return () => clearTimeout(t);
  }, [focused, ui]);

  return (
    <section className="register-section" aria-labelledby="register-mitigations-heading">
      <div className="register-section-head">
        <h2 id="register-mitigations-heading">Mitigations</h2>
        <p className="hint">Security controls, linked to the threats they answer. The status of each link says how far the control is for that threat.</p>
      </div>
      {target.canEdit && <NewMitigation />}
      <div className="register-filters" role="search" aria-label="Filter mitigations">
        <MineToggle pressed={filters.mine} count={countMine(mitigations, myName)} what="mitigations" onChange={(mine) => ui.filters.set({ ...ui.filters.get(), mine })} />
        <span className="filter-count" role="status">
          {shown.length === mitigations.length ? `${mitigations.length} ${mitigations.length === 1 ? 'mitigation' : 'mitigations'}` : `${shown.length} of ${mitigations.length} mitigations`}
        </span>
      </div>
      <OwnerSuggestions id={ownersId} owners={owners} />
      {/* Focusable so the table can be scrolled with the keyboard (WCAG 2.1.1). */}
      <div className="register-table-wrap" role="region" aria-label="Mitigations table" tabIndex={0}>
        <table className="register-table mitigations-table">
          <caption className="visually-hidden">Mitigations: {shown.length} of {mitigations.length}</caption>
          <thead>
            <tr>
              <th scope="col" className="col-id">
                ID
              </th>
              <th scope="col" className="col-mtitle">
                Mitigation
              </th>
              <th scope="col" className="col-category">
                Control category
              </th>
              <th scope="col" className="col-threats">
                Threats
              </th>
              <th scope="col" className="col-owner">
                Owner
              </th>
              <th scope="col" className="col-verification">
                Verification / test
              </th>
              <th scope="col" className="col-description">
                Description
              </th>
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {shown.map((m) => (
              <MitigationRow key={m.id} mitigation={m} links={linksByMitigation.get(m.id) ?? []} threats={threats} flashed={focused === m.id} ownersList={ownersId} />
            ))}
          </tbody>
        </table>
        {mitigations.length > 0 && shown.length === 0 && <p className="register-empty">No mitigation is assigned to you.</p>}
        {mitigations.length === 0 && <p className="register-empty">No mitigations yet. Add one here, or from a threat's row with "Add mitigation…".</p>}
      </div>
    </section>
  );
}

function NewMitigation() {
  const target = useRegisterTarget();
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<Category>('authentication');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError('Give the mitigation a title.');
    const id = createMitigation(target, { title, category });
    if (!id) return setError('The mitigation could not be added.');
    setTitle('');
    setError(null);
  };
  return (
    <form className="register-new" onSubmit={submit} aria-label="New mitigation">
      <label className="filter filter-text">
        <span>New mitigation</span>
        <input value={title} maxLength={300} placeholder="e.g. Firmware images are signed and checked before install" onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="filter">
        <span>Control category</span>
        <select value={category} onChange={(e) => setCategory(e.target.value as Category)}>
          {CATEGORY_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="secondary">
        Add mitigation
      </button>
      {error && (
        <span className="cell-warning" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

function MitigationRow({
  mitigation: m,
  links,
  threats,
  flashed,
  ownersList,
}: {
  mitigation: Mitigation;
  links: { threat: ThreatShape; status: ThreatShape['mitigations'][number]['status'] }[];
  threats: readonly ThreatShape[];
  flashed: boolean;
  ownersList: string;
}) {
  const target = useRegisterTarget();
  const session = useSession();
  const readOnly = !target.canEdit;
  const id = mitigationLabel(m.num);
  const set = (patch: Parameters<typeof changeMitigation>[2]) => changeMitigation(target, m.id, patch);
  const linked = new Set(links.map((l) => l.threat.id));
  const candidates = threats.filter((t) => !linked.has(t.id));
  return (
    <tr data-mitigation={m.id} className={flashed ? 'flashed' : ''}>
      <th scope="row" className="col-id">
        <span className="threat-id">{id}</span>
      </th>
      <td className="col-mtitle">
        <CellText multiline label={`Title of ${id}`} value={m.title} maxLength={300} readOnly={readOnly} onCommit={(title) => set({ title })} />
      </td>
      <td className="col-category">
        <CellSelect label={`Control category of ${id}`} value={m.category} options={CATEGORY_OPTIONS} disabled={readOnly} onChange={(category) => set({ category })} />
      </td>
      <td className="col-threats">
        {links.length > 0 && (
          <ul className="cell-list" aria-label={`Threats of ${id}`}>
            {links.map(({ threat, status }) => {
              const tl = threatLabel(threat.num);
              return (
                <li key={threat.id} className="link-chip">
                  <button type="button" className="link-button cell-link" title={`${threat.title || 'Untitled threat'}: show its row`} onClick={() => showThreatRow(session, threat.id)}>
                    {tl}
                  </button>
                  <CellSelect
                    label={`Status of ${id} for ${tl}`}
                    value={status}
                    options={LINK_STATUS_OPTIONS}
                    disabled={readOnly}
                    className="link-status"
                    onChange={(s) => link(target, threat.id, m.id, s)}
                  />
                  {!readOnly && (
                    <button type="button" className="chip-remove" aria-label={`Unlink ${id} from ${tl}`} title={`Unlink ${id} from ${tl}`} onClick={() => unlink(target, threat.id, m.id)}>
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
            aria-label={`Link ${id} to a threat`}
            value=""
            onChange={(e) => {
              if (e.target.value) link(target, e.target.value, m.id, 'planned');
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
        {links.length === 0 && readOnly && <span className="muted">None</span>}
      </td>
      <td className="col-owner">
        <CellText label={`Owner of ${id}`} value={m.owner} maxLength={100} readOnly={readOnly} list={ownersList} onCommit={(owner) => set({ owner: owner.trim() })} />
      </td>
      <td className="col-verification">
        <CellText
          multiline
          label={`Verification of ${id}`}
          value={m.verification}
          maxLength={2000}
          readOnly={readOnly}
          placeholder="Test case, report, requirement"
          invalid={m.verification.trim() === ''}
          onCommit={(verification) => set({ verification })}
        />
      </td>
      <td className="col-description">
        <CellText multiline label={`Description of ${id}`} value={m.description} maxLength={20000} readOnly={readOnly} onCommit={(description) => set({ description })} />
      </td>
      <td className="col-actions">
        <MitigationComments target={m.id} itemName={`${id} ${m.title}`.trim()} />
        {!readOnly && (
          <button type="button" className="text-button small register-delete" aria-label={`Delete ${id}`} title={`Delete ${id} and its links (undo with Ctrl+Z)`} onClick={() => removeMitigation(target, m.id)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
