import { useEffect, type MouseEvent } from 'react';
import type { Editor } from '../editor/editor';
import { isPlaceTool, TOOLS, type Tool } from '../editor/tools';
import { useStore } from '../lib/useStore';
import { useViewLocked } from '../facilitation/hooks';
import { Icon, type IconName } from './Icon';

/** Icons of the diagram tools: each draws the shape the tool places (stroke icons, 24×24). */
function DiagramIcon({ tool }: { tool: Tool }) {
  const common = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };
  let body;
  switch (tool) {
    case 'entity':
      body = <rect x="3.5" y="6" width="17" height="12" {...common} strokeWidth={2.6} />;
      break;
    case 'process':
      body = <rect x="3" y="6" width="18" height="12" rx="6" {...common} />;
      break;
    case 'store':
      body = <path d="M3 7h18M3 17h18" {...common} strokeWidth={2.2} />;
      break;
    case 'flow':
      body = <path d="M4 18L19 6M19 6h-6M19 6v6" {...common} />;
      break;
    case 'boundary':
      body = <rect x="3" y="4" width="18" height="16" rx="2" {...common} strokeDasharray="3.5 2.5" />;
      break;
    case 'text':
      body = <path d="M6 6h12M12 6v13M9.5 19h5" {...common} />;
      break;
    default:
      return <Icon name={tool as IconName} />;
  }
  return (
    <svg className="icon" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {body}
    </svg>
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The tools on the left. Viewers get only the tools that do not change the board. */
export function Toolbar({ editor }: { editor: Editor }) {
  const tool = useStore(editor.tool);
  const undo = useStore(editor.undoState);
  const tools = TOOLS.filter((t) => editor.canEdit || !t.edits);
  const locked = useViewLocked(editor);
  // Diagram tools rest while the facilitator has the diagram locked (notes still work).
  const lockedOut = (id: Tool) => locked && id !== 'note' && !!TOOLS.find((t) => t.id === id)?.edits;
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
          title={lockedOut(t.id) ? `${t.label}: the diagram is locked by the facilitator` : `${t.label} (${t.shortcut})`}
          aria-keyshortcuts={t.shortcut}
          aria-pressed={tool === t.id}
          disabled={lockedOut(t.id)}
          onClick={(e) => pick(t.id, e)}
        >
          <DiagramIcon tool={t.id} />
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
