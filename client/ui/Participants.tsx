import { useId, useState } from 'react';
import { ApiCallError, removeMember } from '../api';
import { loadSession } from '../session';
import { useFollowController, useLive, useMe, usePresence } from '../editor/context';
import { useParticipants } from '../model/presence-hooks';
import { useFollow } from '../facilitation/hooks';
import { useRaisedHands } from '../facilitation/hands';
import { SessionIcon } from './session/SessionIcon';
import { usePopover } from './usePopover';

const MAX_AVATARS = 4;
const ROLE_LABEL = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' } as const;

function initials(name: string): string {
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
  const canRemove = useMe().role === 'facilitator';
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
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
        <div id={panelId} className="popover participants-panel" role="dialog" aria-label="Participants">
          <h2 className="popover-title">On this board ({count})</h2>
          <ul aria-label="Participants list">
            {people.map((p) => {
              const handUp = up.has(p.id);
              return (
                <li key={p.id}>
                  <span className="avatar small" style={{ background: p.color }} aria-hidden="true">
                    {initials(p.name)}
                  </span>
                  <span className="person-name">
                    {p.name}
                    {p.isLocal ? ' (you)' : ''}
                    {handUp && (
                      <span className="hand-mark" title="Hand raised">
                        {' '}
                        <SessionIcon name="hand" size={14} />
                        <span className="visually-hidden"> hand raised</span>
                      </span>
                    )}
                  </span>
                  <span className="role-tag">{ROLE_LABEL[p.role]}</span>
                  {handUp && fac.isFacilitator && !p.isLocal && (
                    <button type="button" className="text-button small" aria-label={`Lower ${p.name}'s hand`} onClick={() => fac.lowerHand(p.id)}>
                      Lower
                    </button>
                  )}
                  {!p.isLocal &&
                    (followed === p.id ? (
                      <button type="button" className="text-button small" aria-label={`Stop following ${p.name}`} onClick={() => follow.stop()}>
                        Following
                      </button>
                    ) : (
                      <button type="button" className="text-button small" aria-label={`Follow ${p.name}`} onClick={() => follow.followUser(p.id)}>
                        Follow
                      </button>
                    ))}
                  {canRemove && !p.isLocal && (
                    <button type="button" className="text-button small danger" aria-label={`Remove ${p.name} from board…`} title="Remove from board…" onClick={() => setRemoving({ id: p.id, name: p.name })}>
                      Remove…
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          {removing && <ConfirmRemove boardId={boardId} person={removing} onDone={() => setRemoving(null)} />}
        </div>
      )}
    </div>
  );
}

/**
 * "Remove from board": the person's sessions end at once and their token stops working. They could come
 * back with an invite link they still have, so the confirmation says to change the links too.
 */
function ConfirmRemove({ boardId, person, onDone }: { boardId: string; person: { id: string; name: string }; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  async function confirm() {
    const token = loadSession(boardId)?.token;
    if (!token) return setError('Your own session for this board has ended; reload the page.');
    setBusy(true);
    try {
      await removeMember(boardId, person.id, token);
      onDone();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : 'Could not remove them. Try again.');
      setBusy(false);
    }
  }
  return (
    <div className="confirm-remove" role="alertdialog" aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>Remove {person.name} from this board?</strong> They are disconnected at once and cannot come back with this
        session. If they still have an invite link, change the links under Share as well.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="confirm-actions">
        <button type="button" className="text-button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy} autoFocus>
          {busy ? 'Removing…' : `Remove ${person.name}`}
        </button>
      </div>
    </div>
  );
}
