import type { Shape } from '../../../shared/model/schema';
import { isDfdElement } from '../../../shared/threats/stride';
import type { Editor } from '../../editor/editor';
import { useStore } from '../../lib/useStore';
import { useScene } from '../../model/scene-store';
import { useViewLocked } from '../../facilitation/hooks';
import { patchShape } from './actions';
import { ElementProperties } from './ElementProperties';
import { TextField } from './fields';
import { KIND_NAME } from './labels';
import { ThreatProperties } from './ThreatProperties';
import { ViewAbout } from './ViewAbout';

/** Properties of the selection: one shape's fields, a count for several, the current view's for none. */
export function Properties({ editor }: { editor: Editor }) {
  const selection = useStore(editor.selection);
  const { byId } = useScene(editor.shapes);
  useViewLocked(editor);
  const shapes = [...selection].map((id) => byId.get(id)).filter((s): s is Shape => s !== undefined);

  if (shapes.length === 0) return <ViewAbout editor={editor} />;
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
      {!editor.canEdit && <p className="hint">You can view this board but not change it.</p>}
      {editor.canEdit && editor.isLocked(shape) && <p className="hint">The facilitator has locked the diagram of this view: it cannot be changed now.</p>}
      {editor.isHidden(shape.id) && <p className="hint">Hidden until the facilitator reveals the brainstorm: only you can see it.</p>}
      <ShapeFields editor={editor} shape={shape} />
    </div>
  );
}

function ShapeFields({ editor, shape }: { editor: Editor; shape: Shape }) {
  const readOnly = !editor.canChange(shape.id);
  const set = (patch: Record<string, unknown>) => patchShape(editor, shape.id, patch);
  if (shape.kind === 'threat') return <ThreatProperties editor={editor} threat={shape} />;
  if (isDfdElement(shape)) return <ElementProperties editor={editor} element={shape} />;
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
