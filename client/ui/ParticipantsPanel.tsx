import { useId, useState } from 'react';
import { ApiCallError, removeMember } from '../api';
import { useFollowController, useLive, useMe } from '../editor/context';
import type { Participant } from '../model/presence-store';
import { loadSession } from '../session';
import { initials } from './Participants';
import { SessionIcon } from './session/SessionIcon';

const ROLE_LABEL = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' } as const;

interface Props {
  id: string;
  boardId: string;
  people: readonly Participant[];
  /** User ids with a raised hand. */
  raised: ReadonlySet<string>;
  /** The user this person follows, if any. */
  followed: string | null;
}

/** The participants list under the avatars: names and roles, raised hands, Follow, and Remove for facilitators. */
export function ParticipantsPanel({ id, boardId, people, raised: up, followed }: Props) {
  const { fac } = useLive();
  const follow = useFollowController();
  const canRemove = useMe().role === 'facilitator';
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const count = people.length;
  return (
    <div id={id} className="popover participants-panel" role="dialog" aria-label="Participants">
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
