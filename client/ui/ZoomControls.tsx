import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { Icon } from './Icon';

export function ZoomControls({ editor }: { editor: Editor }) {
  const { zoom } = useStore(editor.viewport.camera);
  const pct = `${Math.round(zoom * 100)}%`;
  return (
    <div className="zoom-controls" role="group" aria-label="Zoom">
      <button type="button" className="tool-button" aria-label="Zoom out" title="Zoom out (−)" aria-keyshortcuts="-" onClick={() => editor.viewport.zoomStep(-1)}>
        <Icon name="minus" />
      </button>
      <button
        type="button"
        className="zoom-level"
        aria-label={`Zoom ${pct}, reset to 100%`}
        title="Reset to 100% (Shift+0)"
        onClick={() => editor.viewport.resetZoom()}
      >
        {pct}
      </button>
      <button type="button" className="tool-button" aria-label="Zoom in" title="Zoom in (+)" aria-keyshortcuts="+" onClick={() => editor.viewport.zoomStep(1)}>
        <Icon name="plus" />
      </button>
      <button type="button" className="tool-button" aria-label="Zoom to fit" title="Zoom to fit (Shift+1)" aria-keyshortcuts="Shift+1" onClick={() => editor.zoomToFit()}>
        <Icon name="fit" />
      </button>
    </div>
  );
}
