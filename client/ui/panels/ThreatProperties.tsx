import { useId } from 'react';
import type { ThreatShape } from '../../../shared/model/schema';
import { threatLabel } from '../../../shared/threats/numbering';
import { isDfdElement } from '../../../shared/threats/stride';
import type { Editor } from '../../editor/editor';
import { useShapes } from '../../model/hooks';
import { focusShape, patchShape } from './actions';
import { ReadOnlyRow, SelectField, TextField } from './fields';
import { KIND_NAME, shapeName, STATUS_OPTIONS, STRIDE_OPTIONS } from './labels';
import { LazyLibraryOrigin, LazyThreatRegisterFields, Loading } from '../lazy';

/** A threat's ID, STRIDE category, text, status and the elements it concerns. */
export function ThreatProperties({ editor, threat }: { editor: Editor; threat: ThreatShape }) {
  const readOnly = !editor.canEdit;
  const set = (patch: Record<string, unknown>) => patchShape(editor, threat.id, patch);
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
        <LazyThreatRegisterFields editor={editor} threat={threat} />
      </Loading>
      {threat.libraryId && (
        <Loading>
          <LazyLibraryOrigin libraryId={threat.libraryId} />
        </Loading>
      )}
      <AttachedElements editor={editor} threat={threat} />
    </>
  );
}

function AttachedElements({ editor, threat }: { editor: Editor; threat: ThreatShape }) {
  const { list, byId } = useShapes(editor.doc);
  const selectId = useId();
  const readOnly = !editor.canEdit;
  const setElements = (elements: string[]) => patchShape(editor, threat.id, { elements });
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
                <button type="button" className="chip-main" onClick={() => focusShape(editor, id)} title="Select this element">
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
