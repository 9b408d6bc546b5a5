import { NOTE_COLORS, Stride, type Shape } from '../../shared/model/schema';
import { convertShape } from '../ui/panels/actions';
import { STRIDE_OPTIONS } from '../ui/panels/labels';
import type { Editor } from '../editor/editor';
import { TEXT_FIELD } from '../editor/kinds';
import { useStore } from '../lib/useStore';
import { useScene } from '../model/scene-store';
import { useViewLocked } from '../facilitation/hooks';
import { boundsOf } from '../../shared/model/geometry';
import { union, worldToScreen } from './camera';
import { LockGlyph } from './LockGlyph';
import { MOD } from './ShortcutSheet';
import { NOTE_COLOR_LABEL, NOTE_FILL } from './theme';
import { deleteSelectedWithConfirm } from '../ui/views/bulk-delete';

const TOOLBAR_HEIGHT = 44;
const TOOLBAR_HALF_WIDTH = 260;

const EDIT_NAME = { text: 'Edit text', label: 'Edit label', title: 'Edit title' } as const;

const ICONS = {
  duplicate: 'M8 8h11v11H8zM5 16V5h11',
  front: 'M4 14h9v6H4zM9 4h11v11H9z',
  back: 'M9 4h11v11H9zM4 9h9v11H4z',
};

function SmallIcon({ d, filledFirst }: { d: string; filledFirst?: boolean }) {
  const [a, b] = d.split('M').filter(Boolean);
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={`M${a}`} fill={filledFirst ? 'currentColor' : 'none'} fillOpacity={0.25} />
      <path d={`M${b}`} fill={filledFirst ? 'none' : 'currentColor'} fillOpacity={0.25} />
    </svg>
  );
}

/**
 * Actions on the selection, floating above it (below when there is no room): note colour, edit the
 * text, duplicate, z order and delete. Every button names its keyboard shortcut in its tooltip.
 */
export function SelectionToolbar({ editor }: { editor: Editor }) {
  const { byId } = useScene(editor.shapes);
  useViewLocked(editor);
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
  // Diagram shapes of a locked view can only be looked at.
  const changeable = selected.filter((s) => !editor.isLocked(s));
  const single = count === 1 && changeable.length === 1 ? selected[0]! : null;

  return (
    <div
      className="selection-toolbar"
      data-overlay
      role="toolbar"
      aria-label={count === 1 ? 'Selection: 1 item' : `Selection: ${count} items`}
      style={{ left, top }}
    >
      {notes.length > 0 &&
        NOTE_COLORS.map((c) => (
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
      {changeable.length < count && (
        <span className="locked-note">
          <LockGlyph /> {changeable.length === 0 ? 'Locked by the facilitator' : `${count - changeable.length} locked`}
        </span>
      )}
      {single && (
        <button type="button" className="text-button" onClick={() => editor.startEditing(single.id)} title={`${EDIT_NAME[TEXT_FIELD[single.kind]]} (Enter or double-click)`}>
          {EDIT_NAME[TEXT_FIELD[single.kind]]}
        </button>
      )}
      {single && !editor.isHidden(single.id) && <ConvertControl editor={editor} shape={single} />}
      {changeable.length > 0 && (
        <>
          <button type="button" className="icon-button" aria-label="Duplicate" title={`Duplicate (${MOD}D)`} aria-keyshortcuts={MOD === '⌘' ? 'Meta+D' : 'Control+D'} onClick={() => editor.duplicateSelected()}>
            <SmallIcon d={ICONS.duplicate} />
          </button>
          <button type="button" className="icon-button" aria-label="Bring to front" title="Bring to front (])" aria-keyshortcuts="]" onClick={() => editor.reorderSelected('front')}>
            <SmallIcon d={ICONS.front} />
          </button>
          <button type="button" className="icon-button" aria-label="Send to back" title="Send to back ([)" aria-keyshortcuts="[" onClick={() => editor.reorderSelected('back')}>
            <SmallIcon d={ICONS.back} filledFirst />
          </button>
          <span className="toolbar-sep" aria-hidden="true" />
          <button type="button" className="text-button danger" onClick={() => deleteSelectedWithConfirm(editor)} title="Delete (Delete key)">
            Delete
          </button>
        </>
      )}
    </div>
  );
}

/** A note becomes a threat of a chosen STRIDE category; a threat becomes a plain note again. */
function ConvertControl({ editor, shape }: { editor: Editor; shape: Shape }) {
  if (shape.kind === 'threat')
    return (
      <button type="button" className="text-button" title="Turn this threat back into a plain note, keeping its text" onClick={() => convertShape(editor, shape.id, 'note')}>
        Make note
      </button>
    );
  if (shape.kind !== 'note') return null;
  return (
    <select
      className="convert-select"
      aria-label="Make threat"
      title="Turn this note into a threat of a STRIDE category, keeping its text"
      value=""
      onChange={(e) => {
        const r = Stride.safeParse(e.target.value);
        if (r.success) convertShape(editor, shape.id, r.data);
      }}
    >
      <option value="" disabled>
        Make threat…
      </option>
      {STRIDE_OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
