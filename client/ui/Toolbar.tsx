import type { MouseEvent } from 'react';
import type { Editor } from '../editor/editor';
import { TOOLS, type Tool } from '../editor/tools';
import { useStore } from '../lib/useStore';
import { Icon, type IconName } from './Icon';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The tools on the left. Viewers get only the tools that do not change the board. */
export function Toolbar({ editor }: { editor: Editor }) {
  const tool = useStore(editor.tool);
  const undo = useStore(editor.undoState);
  const tools = TOOLS.filter((t) => editor.canEdit || !t.edits);

  const pick = (id: Tool, e: MouseEvent) => {
    // From the keyboard there is no pointer to place a note with: put it in the middle of the view.
    if (id === 'note' && e.detail === 0) {
      editor.createNote(editor.viewport.centreWorld());
      return;
    }
    editor.setTool(tool === id && id === 'note' ? 'select' : id);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Tools" aria-orientation="vertical">
      {tools.map((t) => (
        <button
          key={t.id}
          type="button"
          className="tool-button"
          aria-label={t.label}
          title={`${t.label} (${t.shortcut})`}
          aria-keyshortcuts={t.shortcut}
          aria-pressed={tool === t.id}
          onClick={(e) => pick(t.id, e)}
        >
          <Icon name={t.id as IconName} />
        </button>
      ))}
      {editor.canEdit && (
        <>
          <span className="toolbar-sep horizontal" aria-hidden="true" />
          <button
            type="button"
            className="tool-button"
            aria-label="Undo"
            title={`Undo (${MOD}Z)`}
            aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
            disabled={!undo.canUndo}
            onClick={() => editor.undoLast()}
          >
            <Icon name="undo" />
          </button>
          <button
            type="button"
            className="tool-button"
            aria-label="Redo"
            title={isMac ? 'Redo (⇧⌘Z)' : 'Redo (Ctrl+Y)'}
            aria-keyshortcuts={isMac ? 'Shift+Meta+Z' : 'Control+Y'}
            disabled={!undo.canRedo}
            onClick={() => editor.redoLast()}
          >
            <Icon name="redo" />
          </button>
        </>
      )}
    </div>
  );
}
