import { Suspense, useEffect, useState } from 'react';
import { getBoard } from '../api';
import { inviteFromHash, navigate, stripHash, useLocation } from '../router';
import { forgetSession, loadSession, markSeen, type StoredSession } from '../session';
import { BoardPage } from './BoardPage';
import { lazyRetry } from '../lib/lazy-retry';

// The join form is only for someone arriving with an invite link; everyone else goes straight to the board.
const LazyJoinForm = lazyRetry(() => import('./JoinForm').then((m) => ({ default: m.JoinForm })));

type BoardLookup = { state: 'loading' } | { state: 'found'; title: string } | { state: 'missing' } | { state: 'unknown' };

/**
 * Decides what /b/<id> shows: the join form for an invite link, the board for a stored session, or an
 * explanation of how to get in.
 */
export function BoardRoute({ boardId }: { boardId: string }) {
  const { hash } = useLocation();
  const invite = inviteFromHash(hash);
  const [session, setSession] = useState<StoredSession | null>(() => loadSession(boardId));
  const [lookup, setLookup] = useState<BoardLookup>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    getBoard(boardId).then(
      (b) => live && setLookup({ state: 'found', title: b.title }),
      (err: { status?: number }) => live && setLookup(err.status === 404 ? { state: 'missing' } : { state: 'unknown' }),
    );
    return () => {
      live = false;
    };
  }, [boardId]);

  useSeen(boardId, !invite && session !== null && lookup.state !== 'missing');

  if (lookup.state === 'missing') {
    return (
      <main className="centered-page">
        <h1>Board not found</h1>
        <p>This board does not exist or has been deleted. Check the link you were given.</p>
        <p>
          <a href="/">Create a new board</a>
        </p>
      </main>
    );
  }

  if (invite) {
    return (
      <Suspense fallback={<main className="centered-page muted" aria-busy="true" />}>
        <LazyJoinForm
          boardId={boardId}
          invite={invite}
          title={lookup.state === 'found' ? lookup.title : null}
          existing={session}
          onJoined={(s) => {
            setSession(s);
            stripHash();
          }}
          onContinue={() => stripHash()}
        />
      </Suspense>
    );
  }

  if (session) {
    return (
      <BoardPage
        boardId={boardId}
        session={session}
        fallbackTitle={lookup.state === 'found' ? lookup.title : (session.title ?? '')}
        onSessionInvalid={() => {
          forgetSession(boardId);
          setSession(null);
        }}
      />
    );
  }

  return (
    <main className="centered-page">
      <h1>{lookup.state === 'found' ? lookup.title : 'Threatboard'}</h1>
      <p className="lead">You need an invite link to open this board.</p>
      <p>Ask the facilitator of the workshop to send you a participant or viewer link.</p>
      <p>
        <button type="button" className="link-button" onClick={() => navigate('/')}>
          Go to the start page
        </button>
      </p>
    </main>
  );
}

/** How often an open board marks its changes as seen (for the unseen count on the home page). */
const SEEN_EVERY_MS = 30_000;

/** While the board is shown: mark it seen now and then, when the tab is hidden or left, and on leaving. */
function useSeen(boardId: string, showing: boolean): void {
  useEffect(() => {
    if (!showing) return;
    const mark = () => markSeen(boardId);
    const onVisibility = () => document.visibilityState === 'hidden' && mark();
    const timer = setInterval(() => document.visibilityState === 'visible' && mark(), SEEN_EVERY_MS);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', mark);
    return () => {
      mark();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', mark);
    };
  }, [boardId, showing]);
}
