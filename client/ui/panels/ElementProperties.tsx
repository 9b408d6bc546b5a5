import { useId, useMemo } from 'react';
import { boundaryCrossings } from '../../../shared/model/geometry';
import type { FlowShape } from '../../../shared/model/schema';
import type { DfdElement } from '../../../shared/threats/stride';
import type { Editor } from '../../editor/editor';
import { useShapes } from '../../model/hooks';
import { patchShape } from './actions';
import { ElementThreats } from './ElementThreats';
import { CheckField, ReadOnlyRow, SelectField, TextField } from './fields';
import { PROTOCOL_OPTIONS, RUNS_ON_OPTIONS, shapeName } from './labels';
import { LazySuggestions, Loading } from '../lazy';

/** Name, description, the kind's own fields and scope of one DFD element, then its threats. */
export function ElementProperties({ editor, element }: { editor: Editor; element: DfdElement }) {
  const readOnly = !editor.canChange(element.id);
  const set = (patch: Record<string, unknown>) => patchShape(editor, element.id, patch);
  return (
    <>
      <TextField label="Name" value={element.label} maxLength={200} readOnly={readOnly} onCommit={(label) => set({ label })} />
      <TextField label="Description" multiline value={element.description} readOnly={readOnly} onCommit={(description) => set({ description })} />
      {element.kind === 'process' && (
        <SelectField label="Runs on" value={element.runsOn} options={RUNS_ON_OPTIONS} disabled={readOnly} onChange={(runsOn) => set({ runsOn })} />
      )}
      {element.kind === 'store' && (
        <fieldset className="prop-group">
          <legend>Contents</legend>
          <CheckField label="Holds patient data" checked={element.holdsPatientData} disabled={readOnly} onChange={(holdsPatientData) => set({ holdsPatientData })} />
          <CheckField label="Is a log" checked={element.isLog} disabled={readOnly} onChange={(isLog) => set({ isLog })} />
        </fieldset>
      )}
      {element.kind === 'flow' && <FlowFields editor={editor} flow={element} />}
      <OutOfScope editor={editor} element={element} />
      <ElementThreats editor={editor} element={element} />
      {editor.canEdit && (
        <Loading>
          <LazySuggestions key={element.id} editor={editor} element={element} />
        </Loading>
      )}
    </>
  );
}

function FlowFields({ editor, flow }: { editor: Editor; flow: FlowShape }) {
  const { byId, list } = useShapes(editor.doc);
  const crossed = useMemo(() => boundaryCrossings(list.filter((s) => s.view === flow.view)).get(flow.id) ?? [], [list, flow.view, flow.id]);
  const readOnly = !editor.canChange(flow.id);
  const set = (patch: Record<string, unknown>) => patchShape(editor, flow.id, patch);
  const end = (id: string | null) => (id ? shapeName(byId.get(id)) : 'a free end');
  return (
    <>
      <ReadOnlyRow label="Between">
        {end(flow.from)} {flow.bidirectional ? '↔' : '→'} {end(flow.to)}
      </ReadOnlyRow>
      <ReadOnlyRow label="Trust boundaries">
        {crossed.length ? `⚠ Crosses ${crossed.map((id) => shapeName(byId.get(id))).join(', ')}` : 'Crosses none'}
      </ReadOnlyRow>
      <SelectField label="Protocol" value={flow.protocol} options={PROTOCOL_OPTIONS} disabled={readOnly} onChange={(protocol) => set({ protocol })} />
      <fieldset className="prop-group">
        <legend>Security properties</legend>
        <CheckField label="Bidirectional" checked={flow.bidirectional} disabled={readOnly} onChange={(bidirectional) => set({ bidirectional })} />
        <CheckField label="Encrypted" checked={flow.encrypted} disabled={readOnly} onChange={(encrypted) => set({ encrypted })} />
        <CheckField label="Authenticated" checked={flow.authenticated} disabled={readOnly} onChange={(authenticated) => set({ authenticated })} />
        <CheckField label="Crosses the internet" checked={flow.crossesInternet} disabled={readOnly} onChange={(crossesInternet) => set({ crossesInternet })} />
      </fieldset>
    </>
  );
}

/** Out of scope needs a reason: a reviewer must see why an element was left out of the analysis. */
function OutOfScope({ editor, element }: { editor: Editor; element: DfdElement }) {
  const hintId = useId();
  const readOnly = !editor.canChange(element.id);
  const set = (patch: Record<string, unknown>) => patchShape(editor, element.id, patch);
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
