import { NOTE_COLORS } from '../../shared/model/schema';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { useShapes } from '../model/hooks';
import { boundsOf } from '../../shared/model/geometry';
import { union, worldToScreen } from './camera';
import { NOTE_COLOR_LABEL, NOTE_FILL } from './theme';

const TOOLBAR_HEIGHT = 44;
const TOOLBAR_HALF_WIDTH = 220;

/** Colour and delete for the selected notes, floating above them (below when there is no room). */
export function SelectionToolbar({ editor }: { editor: Editor }) {
  const { byId } = useShapes(editor.doc);
  const selection = useStore(editor.selection);
  const camera = useStore(editor.viewport.camera);
  const size = useStore(editor.viewport.size);

  const selected = [...selection].flatMap((id) => {
    const s = byId.get(id);
    return s ? [s] : [];
  });
  const notes = selected.flatMap((s) => (s.kind === 'note' ? [s] : []));
  const bounds = union(selected.map((s) => boundsOf(s, byId)));
  if (!bounds) return null;
  const topLeft = worldToScreen(camera, bounds);
  const bottom = worldToScreen(camera, { x: bounds.x, y: bounds.y + bounds.h }).y;
  const centreX = topLeft.x + (bounds.w * camera.zoom) / 2;
  let top = topLeft.y - TOOLBAR_HEIGHT - 12;
  if (top < 8) top = bottom + 12;
  top = Math.min(Math.max(8, top), size.h - TOOLBAR_HEIGHT - 8);
  const left = Math.max(TOOLBAR_HALF_WIDTH, Math.min(centreX, size.w - TOOLBAR_HALF_WIDTH));
  const shared = notes.length > 0 && notes.every((n) => n.color === notes[0]!.color) ? notes[0]!.color : null;
  const count = selected.length;

  return (
    <div
      className="selection-toolbar"
      data-overlay
      role="toolbar"
      aria-label={count === 1 ? 'Selection: 1 item' : `Selection: ${count} items`}
      style={{ left, top }}
    >
      {notes.length > 0 && NOTE_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          className="swatch"
          aria-label={`Colour ${NOTE_COLOR_LABEL[c]}`}
          title={`Colour ${NOTE_COLOR_LABEL[c]}`}
          aria-pressed={shared === c}
          style={{ background: NOTE_FILL[c] }}
          onClick={() => editor.setColor(selection, c)}
        />
      ))}
      {notes.length > 0 && <span className="toolbar-sep" aria-hidden="true" />}
      {count === 1 && notes.length === 1 && (
        <button type="button" className="text-button" onClick={() => editor.startEditing(notes[0]!.id)} title="Edit text (Enter or double-click)">
          Edit text
        </button>
      )}
      <button type="button" className="text-button danger" onClick={() => editor.deleteSelected()} title="Delete (Delete key)">
        Delete
      </button>
    </div>
  );
}
