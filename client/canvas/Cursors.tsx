import { useFacilitationSession, usePresence, useSession } from '../editor/context';
import { useStore } from '../lib/useStore';
import { useRemoteCursors } from '../model/presence-hooks';
import { worldToScreen } from './camera';
import { useFacilitation } from '../facilitation/hooks';

/**
 * Other people's pointers, drawn as HTML above the canvas so they keep their size at any zoom and
 * moving them never redraws the notes. Hidden from assistive technology: the participant list says
 * who is here. When the facilitator hides cursors for focus, only facilitators still see them (they run
 * the session and need to see who is where).
 */
export function Cursors() {
  const fac = useFacilitationSession();
  const { cursorsHidden } = useFacilitation({ fac });
  if (cursorsHidden && !fac.isFacilitator) return null;
  return <CursorList />;
}

function CursorList() {
  const { viewport } = useSession();
  const cursors = useRemoteCursors(usePresence());
  const camera = useStore(viewport.camera);
  const size = useStore(viewport.size);
  return (
    <div className="cursors" aria-hidden="true">
      {cursors.map((c) => {
        const p = worldToScreen(camera, c);
        if (p.x < -50 || p.y < -50 || p.x > size.w + 50 || p.y > size.h + 50) return null;
        return (
          <div key={c.clientId} className="cursor" style={{ transform: `translate(${p.x}px, ${p.y}px)` }}>
            <svg width="18" height="20" viewBox="0 0 18 20" className="cursor-arrow">
              <path d="M1 1 L1 16 L5.5 12 L8.5 19 L11 18 L8 11 L14 11 Z" fill={c.color} stroke="#fff" strokeWidth="1.5" strokeLinejoin="round" />
            </svg>
            <span className="cursor-label" style={{ background: c.color }}>
              {c.name}
            </span>
          </div>
        );
      })}
    </div>
  );
}
