import { useEffect, useRef } from 'react';
import type { Editor } from '../editor/editor';
import { TOOLS } from '../editor/tools';
import { useStore } from '../lib/useStore';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl+';

/** Every keyboard shortcut of the board, grouped; the sheet opened with `?`. The tools come first. */
const SHORTCUTS: { group: string; items: [keys: string, what: string][] }[] = [
  {
    group: 'Selection',
    items: [
      [`${MOD}A`, 'Select everything in this view'],
      ['Shift+click', 'Add to or remove from the selection'],
      ['Delete / Backspace', 'Delete the selection'],
      ['Arrow keys', 'Move the selection (Shift: further)'],
      [`${MOD}D`, 'Duplicate'],
      [`${MOD}C / ${MOD}V`, 'Copy / paste (also into another board)'],
      [']', 'Bring to front'],
      ['[', 'Send to back'],
      ['Enter', 'Edit the text or label'],
      ['Escape', 'Clear the selection, back to Select'],
    ],
  },
  {
    group: 'Canvas',
    items: [
      ['Space (hold) + drag', 'Pan'],
      ['+ / −', 'Zoom in / out'],
      ['Shift+1', 'Zoom to fit'],
      ['Shift+0', 'Zoom to 100 %'],
      [`${MOD}Z`, 'Undo'],
      [isMac ? '⇧⌘Z' : 'Ctrl+Y', 'Redo'],
      ['?', 'This list'],
    ],
  },
];

/** The keyboard shortcut sheet: a modal dialog, closed with Escape or its button. */
export function ShortcutSheet({ editor }: { editor: Editor }) {
  const open = useStore(editor.shortcutsOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog shortcut-sheet" aria-label="Keyboard shortcuts" onClose={() => editor.shortcutsOpen.set(false)}>
      <h2>Keyboard shortcuts</h2>
      <div className="shortcut-groups">
        {[{ group: 'Tools', items: TOOLS.map((t): [string, string] => [t.shortcut, t.label]) }, ...SHORTCUTS].map((g) => (
          <section key={g.group} aria-label={g.group}>
            <h3>{g.group}</h3>
            <dl>
              {g.items.map(([keys, what]) => (
                <div key={keys + what} className="shortcut-row">
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={() => editor.shortcutsOpen.set(false)}>
          Close
        </button>
      </div>
    </dialog>
  );
}
