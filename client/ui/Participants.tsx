import { Suspense, useId } from 'react';
import { useFollowController, useLive, usePresence } from '../editor/context';
import { useParticipants } from '../model/presence-hooks';
import { useFollow } from '../facilitation/hooks';
import { useRaisedHands } from '../facilitation/hands';
import { SessionIcon } from './session/SessionIcon';
import { usePopover } from './usePopover';
import { lazyRetry } from '../lib/lazy-retry';

/** The list (follow, lower a hand, remove) is a chunk of its own, fetched when it is first opened (issue 13). */
const ParticipantsPanel = lazyRetry(() => import('./ParticipantsPanel').then((m) => ({ default: m.ParticipantsPanel })));

const MAX_AVATARS = 4;

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(parts[0] ?? '?')][0] ?? '?';
  const last = parts.length > 1 ? ([...parts[parts.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * Avatars and a count of who is on the board; the button opens the list with names and roles, raised
 * hands, and "Follow" to follow anyone's camera (facilitators can also lower a hand there).
 */
export function Participants({ boardId }: { boardId: string }) {
  const presence = usePresence();
  const { fac } = useLive();
  const follow = useFollowController();
  const people = useParticipants(presence);
  const raised = useRaisedHands({ fac, presence });
  const up = new Set(raised.map((h) => h.id));
  const { following } = useFollow({ follow });
  const followed = following?.kind === 'user' ? following.userId : null;
  const hands = raised.length;
  const { open, setOpen, ref } = usePopover<HTMLDivElement>();
  const panelId = useId();
  const count = people.length;
  return (
    <div className="participants" ref={ref}>
      <button
        type="button"
        className="avatars-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Participants: ${count} on this board${hands ? `, ${hands} ${hands === 1 ? 'hand' : 'hands'} raised` : ''}`}
        title="Who is here"
        onClick={() => setOpen(!open)}
      >
        <span className="avatars" aria-hidden="true">
          {people.slice(0, MAX_AVATARS).map((p) => (
            <span key={p.id} className="avatar" style={{ background: p.color }}>
              {initials(p.name)}
            </span>
          ))}
        </span>
        <span className="count" aria-hidden="true">
          {count}
        </span>
        {hands > 0 && (
          <span className="count hand-count" aria-hidden="true">
            <SessionIcon name="hand" size={14} />
            {hands}
          </span>
        )}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ParticipantsPanel id={panelId} boardId={boardId} people={people} raised={up} followed={followed} />
        </Suspense>
      )}
    </div>
  );
}
