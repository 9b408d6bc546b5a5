import type { Shape } from '../../../shared/model/schema';
import { isDfdElement } from '../../../shared/threats/stride';
import { useActions, useCanEdit, useLive, useScene, useSelection, useSession } from '../../editor/context';
import { useViewLocked } from '../../facilitation/hooks';
import { ElementProperties } from './ElementProperties';
import { TextField } from './fields';
import { KIND_NAME } from './labels';
import { ThreatProperties } from './ThreatProperties';
import { ViewAbout } from './ViewAbout';
import { CommentThreads } from '../../comments/CommentThreads';
import { shapeName } from './labels';
import { Authorship } from '../../people/Authorship';

/** Properties of the selection: one shape's fields, a count for several, the current view's for none. */
export function Properties() {
  const selection = useSelection();
  const { byId } = useScene();
  const live = useLive();
  const canEdit = useCanEdit();
  useViewLocked({ fac: live.fac, currentView: useSession().currentView });
  const shapes = [...selection].map((id) => byId.get(id)).filter((s): s is Shape => s !== undefined);

  if (shapes.length === 0) return <ViewAbout />;
  if (shapes.length > 1) {
    return (
      <div className="panel-section">
        <p className="panel-lead">{shapes.length} items selected</p>
        <p className="hint">Select a single item to see and edit its properties.</p>
      </div>
    );
  }
  const shape = shapes[0]!;
  // Keyed by id: a half-typed field of one shape must never be committed to the next one selected.
  return (
    <div className="panel-section" key={shape.id}>
      <p className="prop-kind">{KIND_NAME[shape.kind]}</p>
      {!live.isHidden(shape.id) && <Authorship record={shape} />}
      {!canEdit && <p className="hint">You can view this board but not change it.</p>}
      {canEdit && live.isLocked(shape) && <p className="hint">The facilitator has locked the diagram of this view: it cannot be changed now.</p>}
      {live.isHidden(shape.id) && <p className="hint">Hidden until the facilitator reveals the brainstorm: only you can see it.</p>}
      <ShapeFields shape={shape} />
      {!live.isHidden(shape.id) && <CommentThreads target={shape.id} itemName={shapeName(shape)} />}
    </div>
  );
}

function ShapeFields({ shape }: { shape: Shape }) {
  const readOnly = !useLive().canChange(shape.id);
  const actions = useActions();
  const set = (patch: Record<string, unknown>) => actions.updateShape(shape.id, patch);
  if (shape.kind === 'threat') return <ThreatProperties threat={shape} />;
  if (isDfdElement(shape)) return <ElementProperties element={shape} />;
  switch (shape.kind) {
    case 'boundary':
      return (
        <>
          <TextField label="Label" value={shape.label} maxLength={200} readOnly={readOnly} onCommit={(label) => set({ label })} />
          <TextField label="Description" multiline value={shape.description} readOnly={readOnly} onCommit={(description) => set({ description })} />
          <p className="hint">Flows that cross this boundary are flagged in the Coverage tab.</p>
        </>
      );
    case 'text':
      return <TextField label="Text" multiline value={shape.text} readOnly={readOnly} onCommit={(text) => set({ text })} />;
    case 'note':
      return (
        <>
          <TextField label="Text" multiline value={shape.text} readOnly={readOnly} onCommit={(text) => set({ text })} />
          <p className="hint">A plain sticky note. To track it as a threat, add a threat with a STRIDE category instead.</p>
        </>
      );
  }
}
