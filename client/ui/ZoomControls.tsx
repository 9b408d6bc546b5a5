import { useSession } from '../editor/context';
import { useStore } from '../lib/useStore';
import { Icon } from './Icon';

export function ZoomControls() {
  const session = useSession();
  const { viewport } = session;
  const { zoom } = useStore(viewport.camera);
  const pct = `${Math.round(zoom * 100)}%`;
  return (
    <div className="zoom-controls" role="group" aria-label="Zoom">
      <button type="button" className="tool-button" aria-label="Zoom out" title="Zoom out (−)" aria-keyshortcuts="-" onClick={() => viewport.zoomStep(-1)}>
        <Icon name="minus" />
      </button>
      <button
        type="button"
        className="zoom-level"
        aria-label={`Zoom ${pct}, reset to 100%`}
        title="Reset to 100% (Shift+0)"
        onClick={() => viewport.resetZoom()}
      >
        {pct}
      </button>
      <button type="button" className="tool-button" aria-label="Zoom in" title="Zoom in (+)" aria-keyshortcuts="+" onClick={() => viewport.zoomStep(1)}>
        <Icon name="plus" />
      </button>
      <button type="button" className="tool-button" aria-label="Zoom to fit" title="Zoom to fit (Shift+1)" aria-keyshortcuts="Shift+1" onClick={() => session.zoomToFit()}>
        <Icon name="fit" />
      </button>
    </div>
  );
}
