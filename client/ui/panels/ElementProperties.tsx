import { useId, type ComponentType } from 'react';
import { shapeModule, type PropertiesProps } from '../../canvas/shapes/registry';
import type { DfdElement } from '../../../shared/threats/stride';
import { useActions, useBoardShapes, useCanEdit, useLive } from '../../editor/context';
import { ElementThreats } from './ElementThreats';
import { CheckField, TextField } from './fields';
import { LazySuggestions, Loading } from '../lazy';

/** Name, description, the kind's own fields and scope of one DFD element, then its threats. */
export function ElementProperties({ element }: { element: DfdElement }) {
  const live = useLive();
  const actions = useActions();
  const canEdit = useCanEdit();
  const readOnly = !live.canChange(element.id);
  const set = (patch: Record<string, unknown>) => actions.updateShape(element.id, patch);
  const { byId, list } = useBoardShapes();
  // The kind's own fields (runs on, contents, a flow's ends and protocol) come from its module.
  const Fields = shapeModule(element.kind).Properties as ComponentType<PropertiesProps> | undefined;
  return (
    <>
      <TextField label="Name" value={element.label} maxLength={200} readOnly={readOnly} onCommit={(label) => set({ label })} />
      <TextField label="Description" multiline value={element.description} readOnly={readOnly} onCommit={(description) => set({ description })} />
      {Fields && <Fields shape={element} readOnly={readOnly} set={set} byId={byId} list={list} />}
      <OutOfScope element={element} />
      <ElementThreats element={element} />
      {canEdit && (
        <Loading>
          <LazySuggestions key={element.id} element={element} />
        </Loading>
      )}
    </>
  );
}

/** Out of scope needs a reason: a reviewer must see why an element was left out of the analysis. */
function OutOfScope({ element }: { element: DfdElement }) {
  const live = useLive();
  const actions = useActions();
  const hintId = useId();
  const readOnly = !live.canChange(element.id);
  const set = (patch: Record<string, unknown>) => actions.updateShape(element.id, patch);
  const missing = element.outOfScope && !element.outOfScopeReason.trim();
  return (
    <fieldset className="prop-group">
      <legend>Scope</legend>
      <CheckField label="Out of scope" checked={element.outOfScope} disabled={readOnly} onChange={(outOfScope) => set({ outOfScope })} />
      {element.outOfScope && (
        <>
          <TextField
            label="Reason (required)"
            multiline
            required
            value={element.outOfScopeReason}
            readOnly={readOnly}
            maxLength={2000}
            describedBy={hintId}
            placeholder="e.g. Covered by the hospital's own threat model"
            onCommit={(outOfScopeReason) => set({ outOfScopeReason })}
          />
          <p id={hintId} className={missing ? 'field-warning' : 'hint'} role={missing ? 'alert' : undefined}>
            {missing ? 'Say why this element is out of scope; reviewers will ask.' : 'Out-of-scope elements are left out of the STRIDE coverage.'}
          </p>
        </>
      )}
    </fieldset>
  );
}
