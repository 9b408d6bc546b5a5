import { useBoardDoc, useScene, useSession } from '../editor/context';
import { useStore } from '../lib/useStore';
import { boundsOf } from '../../shared/model/geometry';
import type { Shape } from '../../shared/model/schema';
import { shapeName } from '../ui/panels/labels';
import { worldToScreen } from '../canvas/camera';
import { openLabel, requestCommentFocus, useOpenCounts } from './store';

/**
 * A speech-bubble badge with the number of open comment threads at the top-right corner of each shape
 * of the current view that has some. HTML buttons over the canvas (like the cursors), so they keep their
 * size at any zoom, can be reached with the keyboard and have names; clicking one selects the shape and
 * opens its comments in the side panel.
 */
export function CommentMarkers() {
  const doc = useBoardDoc();
  const session = useSession();
  const counts = useOpenCounts(doc);
  const { byId } = useScene();
  const camera = useStore(session.viewport.camera);
  const size = useStore(session.viewport.size);
  const view = useStore(session.currentView);
  if (counts.size === 0) return null;
  const marks: { shape: Shape; n: number; x: number; y: number }[] = [];
  for (const [id, n] of counts) {
    const s = byId.get(id);
    if (!s || s.view !== view) continue;
    const b = boundsOf(s, byId);
    const p = worldToScreen(camera, { x: b.x + b.w, y: b.y });
    if (p.x < -30 || p.y < -30 || p.x > size.w + 30 || p.y > size.h + 30) continue;
    marks.push({ shape: s, n, x: p.x, y: p.y });
  }
  return (
    <div className="comment-markers" data-overlay>
      {marks.map(({ shape, n, x, y }) => (
        <button
          key={shape.id}
          type="button"
          className="comment-marker"
          style={{ left: x, top: y }}
          aria-label={`${openLabel(n)} on ${shapeName(shape)}`}
          title={`${openLabel(n)}: show`}
          onClick={() => {
            session.focusShape(shape.id);
            requestCommentFocus(doc, shape.id);
          }}
        >
          <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 4h16v11H9l-5 5z" fill="#fff" />
          </svg>
          {n}
        </button>
      ))}
    </div>
  );
}

