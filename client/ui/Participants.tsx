import { useId } from 'react';
import type { Editor } from '../editor/editor';
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
export function Participants({ editor }: { editor: Editor }) {
  const people = useParticipants(editor.presence);
  const raised = useRaisedHands(editor);
  const up = new Set(raised.map((h) => h.id));
  const { following } = useFollow(editor);
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
                  {handUp && editor.fac.isFacilitator && !p.isLocal && (
                    <button type="button" className="text-button small" aria-label={`Lower ${p.name}'s hand`} onClick={() => editor.fac.lowerHand(p.id)}>
                      Lower
                    </button>
                  )}
                  {!p.isLocal &&
                    (followed === p.id ? (
                      <button type="button" className="text-button small" aria-label={`Stop following ${p.name}`} onClick={() => editor.follow.stop()}>
                        Following
                      </button>
                    ) : (
                      <button type="button" className="text-button small" aria-label={`Follow ${p.name}`} onClick={() => editor.follow.followUser(p.id)}>
                        Follow
                      </button>
                    ))}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
