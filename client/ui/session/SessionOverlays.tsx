import { Suspense } from 'react';
import { LockGlyph } from '../../canvas/LockGlyph';
import { useFacilitationSession, useFollowController, useSession } from '../../editor/context';
import { useFacilitation, useFollow, useViewLocked } from '../../facilitation/hooks';
import { lazyRetry } from '../../lib/lazy-retry';

// The banners and vote results: their own chunk, fetched once a session has something to show.
const SessionBanners = lazyRetry(() => import('./SessionBanners').then((m) => ({ default: m.SessionBanners })));

/**
 * What the live session puts over the canvas: the lock badge, the brainstorm and vote banners with
 * their controls, who we are following, and the ranked results of a vote (SessionBanners.tsx).
 */
export function SessionOverlays() {
  const state = useFacilitation({ fac: useFacilitationSession() });
  const { following, strayed } = useFollow({ follow: useFollowController() });
  const active = !!following || !!strayed || !!state.brainstorm || state.votes.length > 0;
  return (
    <>
      <LockBadge />
      {active && (
        <Suspense fallback={null}>
          <SessionBanners />
        </Suspense>
      )}
    </>
  );
}

function LockBadge() {
  const locked = useViewLocked({ fac: useFacilitationSession(), currentView: useSession().currentView });
  return (
    <div className="lock-badge-slot" role="status">
      {locked && (
        <span className="lock-badge">
          <LockGlyph /> Diagram locked by the facilitator
        </span>
      )}
    </div>
  );
}

