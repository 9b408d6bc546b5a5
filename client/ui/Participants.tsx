import { useId } from 'react';
import type { Editor } from '../editor/editor';
import { useParticipants } from '../model/presence-hooks';
import { usePopover } from './usePopover';

const MAX_AVATARS = 4;
const ROLE_LABEL = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' } as const;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(parts[0] ?? '?')][0] ?? '?';
  const last = parts.length > 1 ? ([...parts[parts.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Avatars and a count of who is on the board; the button opens the list with names and roles. */
export function Participants({ editor }: { editor: Editor }) {
  const people = useParticipants(editor.presence);
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
        aria-label={`Participants: ${count} on this board`}
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
      </button>
      {open && (
        <div id={panelId} className="popover participants-panel" role="dialog" aria-label="Participants">
          <h2 className="popover-title">On this board ({count})</h2>
          <ul aria-label="Participants list">
            {people.map((p) => (
              <li key={p.id}>
                <span className="avatar small" style={{ background: p.color }} aria-hidden="true">
                  {initials(p.name)}
                </span>
                <span className="person-name">
                  {p.name}
                  {p.isLocal ? ' (you)' : ''}
                </span>
                <span className="role-tag">{ROLE_LABEL[p.role]}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
