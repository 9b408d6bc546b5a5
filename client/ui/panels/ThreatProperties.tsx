import { useId } from 'react';
import type { ThreatShape } from '../../../shared/model/schema';
import { threatLabel } from '../../../shared/threats/numbering';
import { isDfdElement } from '../../../shared/threats/stride';
import { useActions, useBoardShapes, useCanEdit, useSession } from '../../editor/context';
import { ReadOnlyRow, SelectField, TextField } from './fields';
import { KIND_NAME, shapeName, STATUS_OPTIONS, STRIDE_OPTIONS } from './labels';
import { LazyLibraryOrigin, LazyThreatRegisterFields, Loading } from '../lazy';

/** A threat's ID, STRIDE category, text, status and the elements it concerns. */
export function ThreatProperties({ threat }: { threat: ThreatShape }) {
  const readOnly = !useCanEdit();
  const actions = useActions();
  const set = (patch: Record<string, unknown>) => actions.updateShape(threat.id, patch);
  return (
    <>
      <ReadOnlyRow label="ID">
        <span className="threat-id">{threatLabel(threat.num)}</span>
        {threat.num === 0 && <span className="hint"> (numbered once the server has it)</span>}
      </ReadOnlyRow>
      <SelectField label="STRIDE category" value={threat.stride} options={STRIDE_OPTIONS} disabled={readOnly} onChange={(stride) => set({ stride })} />
      <TextField label="Title" value={threat.title} maxLength={300} readOnly={readOnly} onCommit={(title) => set({ title })} />
      <TextField label="Description" multiline value={threat.description} readOnly={readOnly} onCommit={(description) => set({ description })} />
      <SelectField label="Status" value={threat.status} options={STATUS_OPTIONS} disabled={readOnly} onChange={(status) => set({ status })} />
      <Loading>
        <LazyThreatRegisterFields threat={threat} />
      </Loading>
      {threat.libraryId && (
        <Loading>
          <LazyLibraryOrigin libraryId={threat.libraryId} />
        </Loading>
      )}
      <AttachedElements threat={threat} />
    </>
  );
}

function AttachedElements({ threat }: { threat: ThreatShape }) {
  const { list, byId } = useBoardShapes();
  const selectId = useId();
  const readOnly = !useCanEdit();
  const actions = useActions();
  const session = useSession();
  const setElements = (elements: string[]) => actions.updateShape(threat.id, { elements });
  const candidates = list.filter((s) => s.view === threat.view && isDfdElement(s) && !threat.elements.includes(s.id));
  return (
    <fieldset className="prop-group">
      <legend>Concerns</legend>
      {threat.elements.length === 0 ? (
        <p className="hint">Not attached to any element yet.</p>
      ) : (
        <ul className="chip-list" aria-label="Attached elements">
          {threat.elements.map((id) => {
            const name = shapeName(byId.get(id));
            return (
              <li key={id} className="element-chip">
                <button type="button" className="chip-main" onClick={() => session.focusShape(id)} title="Select this element">
                  {name}
                </button>
                {!readOnly && (
                  <button type="button" className="chip-remove" aria-label={`Detach from ${name}`} title={`Detach from ${name}`} onClick={() => setElements(threat.elements.filter((x) => x !== id))}>
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && candidates.length > 0 && (
        <div className="prop-field">
          <label htmlFor={selectId}>Attach to…</label>
          <select
            id={selectId}
            value=""
            onChange={(e) => {
              if (e.target.value) setElements([...threat.elements, e.target.value]);
            }}
          >
            <option value="">Choose an element</option>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                {shapeName(s)} ({KIND_NAME[s.kind].toLowerCase()})
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
