import { useEffect, useState } from 'react';
import type { BoardActivity } from '../../shared/api';
import { ApiCallError, boardActivity } from '../api';
import { navigate } from '../router';
import { knownBoards, rememberTitle, type StoredSession } from '../session';
import { timeAgo } from './time';

type Activity = { state: 'loading' } | { state: 'ok'; activity: BoardActivity } | { state: 'ended' } | { state: 'unknown' };

/**
 * "Your boards" on the home page: every board this browser has joined, with its role, title, last
 * activity and how many threats, mitigations and comments others changed since this browser last had
 * it open; one click opens it as the same person.
 */
export function MyBoards() {
  const [boards] = useState(knownBoards);
  if (boards.length === 0) return null;
  return (
    <nav className="card recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Your boards</h2>
      <ul>
        {boards.map(({ id, session }) => (
          <BoardItem key={id} id={id} session={session} />
        ))}
      </ul>
    </nav>
  );
}

function BoardItem({ id, session }: { id: string; session: StoredSession }) {
  const activity = useActivity(id, session);
  const title = activity.state === 'ok' ? activity.activity.title : session.title;
  return (
    <li className="recent-board">
      <a
        href={`/b/${id}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/b/${id}`);
        }}
      >
        {title || 'Untitled board'}
      </a>
      {activity.state === 'ok' && activity.activity.unseen > 0 && (
        <span className="unseen-badge">
          {activity.activity.unseen} new<span className="visually-hidden"> changes since you last looked</span>
        </span>
      )}
      <span className="muted recent-detail">
        as {session.name} ({session.role})
        {activity.state === 'ok' && activity.activity.lastActivityAt > 0 && ` · last activity ${timeAgo(activity.activity.lastActivityAt)}`}
        {activity.state === 'ended' && ' · your session has ended; open your invite link again'}
      </span>
    </li>
  );
}

function useActivity(id: string, session: StoredSession): Activity {
  const [state, setState] = useState<Activity>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    boardActivity(id, session.token, session.lastSeenAt ?? session.joinedAt ?? 0).then(
      (activity) => {
        if (!live) return;
        rememberTitle(id, activity.title);
        setState({ state: 'ok', activity });
      },
      (err: unknown) => live && setState(err instanceof ApiCallError && (err.status === 401 || err.status === 403) ? { state: 'ended' } : { state: 'unknown' }),
    );
    return () => {
      live = false;
    };
  }, [id, session]);
  return state;
}
