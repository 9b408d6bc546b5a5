import { useEffect, useSyncExternalStore, type MouseEvent } from 'react';
import type { Editor } from '../editor/editor';
import { isPlaceTool, TOOLS, type Tool, type ToolInfo } from '../editor/tools';
import { useStore } from '../lib/useStore';
import { useViewLocked } from '../facilitation/hooks';
import { Icon, type IconName } from './Icon';

/** A kind's tool draws the shape it places (its module's icon); select and hand use the UI's icons. */
function ToolButtonIcon({ tool }: { tool: ToolInfo }) {
  return tool.icon ? <>{tool.icon}</> : <Icon name={tool.id as IconName} />;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The tools on the left. Viewers get only the tools that do not change the board. */
export function Toolbar({ editor }: { editor: Editor }) {
  const tool = useStore(editor.tool);
  const undo = useStore(editor.undoState);
  const tools = TOOLS.filter((t) => editor.canEdit || !t.edits);
  const locked = useViewLocked(editor);
  // While the board shows the server's list of shapes and its document is still on the way, there is
  // nothing to edit yet (client/sync/first-paint.ts): the tools that change the board wait for it.
  const previewingNow = () => editor.previewing();
  const previewing = useSyncExternalStore(editor.conn.status.subscribe, previewingNow, previewingNow);
  // Diagram tools rest while the facilitator has the diagram locked (notes still work).
  const lockedOut = (id: Tool) => {
    const t = TOOLS.find((x) => x.id === id);
    return locked && !!t && t.edits && !t.whileLocked;
  };
  const loading = (t: ToolInfo) => previewing && t.edits;
  const why = (t: ToolInfo) =>
    lockedOut(t.id) ? `${t.label}: the diagram is locked by the facilitator` : loading(t) ? `${t.label}: the board is still loading` : `${t.label} (${t.shortcut})`;
  useEffect(() => {
    if (locked && lockedOut(editor.tool.get())) editor.setTool('select');
  }, [locked, editor]);

  const pick = (id: Tool, e: MouseEvent) => {
    // From the keyboard there is no pointer to place a shape with: put it in the middle of the view.
    if (isPlaceTool(id) && e.detail === 0) {
      editor.createShape(id, editor.viewport.centreWorld());
      return;
    }
    // A second click on a drawing tool puts it down again.
    editor.setTool(tool === id && id !== 'hand' ? 'select' : id);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Tools" aria-orientation="vertical">
      {tools.map((t) => (
        <button
          key={t.id}
          type="button"
          className="tool-button"
          aria-label={t.label}
          title={why(t)}
          aria-keyshortcuts={t.shortcut}
          aria-pressed={tool === t.id}
          disabled={lockedOut(t.id) || loading(t)}
          onClick={(e) => pick(t.id, e)}
        >
          <ToolButtonIcon tool={t} />
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
