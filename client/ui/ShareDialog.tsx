import { useRef, useState } from 'react';
import { inviteUrl } from '../../shared/api';
import { ROLES, type Role } from '../../shared/roles';
import { rotateInvites } from '../api';
import { loadInvites, loadSession, saveInvites } from '../session';

const ROLE_INFO: Record<Role, { label: string; help: string }> = {
  facilitator: { label: 'Facilitator', help: 'Can edit the board and run the workshop. Share with co-facilitators only.' },
  participant: { label: 'Participant', help: 'Can add, move and edit notes.' },
  viewer: { label: 'Viewer', help: 'Can watch the board live but cannot change it.' },
};

/** The Share button and its dialog with one invite link per role. */
export function ShareButton({ boardId, role }: { boardId: string; role: Role }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [invites, setInvites] = useState(() => loadInvites(boardId));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function newLinks() {
    const session = loadSession(boardId);
    if (!session) return setError('Your session for this board is gone; open your invite link again.');
    try {
      const fresh = await rotateInvites(boardId, session.token);
      saveInvites(boardId, fresh);
      setInvites(fresh);
      setConfirming(false);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }
  return (
    <>
      <button
        type="button"
        className="primary share-button"
        aria-haspopup="dialog"
        onClick={() => {
          setInvites(loadInvites(boardId));
          dialog.current?.showModal();
          // Start on the link shared most often, rather than selecting the facilitator key; without links,
          // on Close, never on an action that replaces links.
          (dialog.current?.querySelector<HTMLButtonElement>('#invite-participant-copy') ?? dialog.current?.querySelector<HTMLButtonElement>('.dialog-actions button'))?.focus();
        }}
      >
        Share
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="share-title">
        <h2 id="share-title">Share this board</h2>
        {invites ? (
          <>
            <p className="hint">Anyone with a link can join with the role of that link. Links work until they are revoked.</p>
            {ROLES.map((role) => (
              <InviteRow key={role} role={role} url={inviteUrl(location.origin, boardId, invites[role])} />
            ))}
          </>
        ) : (
          <p>
            Invite links are kept only in the browser that created this board (the server stores them in a form that cannot be
            read back). {role === 'facilitator' ? 'You can create new links; the old ones then stop working.' : 'Ask the person who created the board to share a link.'}
          </p>
        )}
        {role === 'facilitator' &&
          (confirming ? (
            <div className="notice share-revoke" role="alert">
              <p>
                New links replace all three current links{invites ? '' : ', including any you shared from another browser'}: nobody new can join with
                the old ones. People already on the board stay.
              </p>
              <button type="button" className="danger" onClick={() => void newLinks()}>
                Revoke old links and create new ones
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Keep the current links
              </button>
            </div>
          ) : (
            <p className="share-revoke">
              <button type="button" className="secondary" onClick={() => setConfirming(true)}>
                {invites ? 'Revoke links…' : 'Create new links'}
              </button>
            </p>
          ))}
        {error && (
          <p className="notice" role="alert">
            {error}
          </p>
        )}
        <form method="dialog" className="dialog-actions">
          <button type="submit" className="secondary">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}

function InviteRow({ role, url }: { role: Role; url: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { label, help } = ROLE_INFO[role];
  const id = `invite-${role}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard permission (e.g. insecure origin): select the text so Ctrl/⌘+C works.
      input.current?.select();
      setCopied(document.execCommand?.('copy') ? 'yes' : 'failed');
    }
    setTimeout(() => setCopied(null), 2500);
  }

  return (
    <div className="invite-row">
      <label htmlFor={id} className="invite-label">
        {label} link
      </label>
      <p className="invite-help" id={`${id}-help`}>
        {help}
      </p>
      <div className="invite-field">
        <input id={id} ref={input} readOnly value={url} aria-describedby={`${id}-help`} onFocus={(e) => e.target.select()} />
        <button type="button" id={`${id}-copy`} className="secondary" onClick={copy} aria-label={`Copy ${label.toLowerCase()} link`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? `${label} link copied` : copied === 'failed' ? 'Could not copy; the link is selected, press Ctrl+C' : ''}
      </span>
    </div>
  );
}
