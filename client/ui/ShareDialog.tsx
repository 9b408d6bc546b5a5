import { useEffect, useRef, useState } from 'react';
import { inviteUrl } from '../../shared/api';
import { ROLES, type Role } from '../../shared/roles';
import { rotateInvites } from '../api';
import { loadInvites, loadSession, saveInvites } from '../session';
import { CopyField } from './CopyField';
import { InviteLinks } from './InviteLinks';

const ROLE_INFO: Record<Role, { label: string; help: string }> = {
  facilitator: { label: 'Facilitator', help: 'Can edit the board and run the workshop. Share with co-facilitators only.' },
  participant: { label: 'Participant', help: 'Can add, move and edit notes.' },
  viewer: { label: 'Viewer', help: 'Can watch the board live but cannot change it.' },
};

/**
 * The Share dialog (a chunk of its own, loaded when Share is first pressed; see ShareButton.tsx): the links
 * this browser made with the board (their keys are kept only here), and for every facilitator the list of
 * active links, a new link for any role, and revoking. It opens each time `opened` changes.
 */
export function ShareDialog({ boardId, role, opened: openedTimes }: { boardId: string; role: Role; opened: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [invites, setInvites] = useState(() => loadInvites(boardId));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [renewed, setRenewed] = useState(0);
  const opened = openedTimes + renewed;
  const token = role === 'facilitator' ? loadSession(boardId)?.token : undefined;

  useEffect(() => {
    setInvites(loadInvites(boardId));
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    // Start on the link shared most often, rather than selecting the facilitator key; without links,
    // on Close, never on an action that replaces links.
    (d.querySelector<HTMLButtonElement>('#invite-participant-copy') ?? d.querySelector<HTMLButtonElement>('.dialog-actions button'))?.focus();
  }, [boardId, openedTimes]);

  async function newLinks() {
    const session = loadSession(boardId);
    if (!session) return setError('Your session for this board is gone; open your invite link again.');
    try {
      const fresh = await rotateInvites(boardId, session.token);
      saveInvites(boardId, fresh);
      setInvites(fresh);
      setConfirming(false);
      setError(null);
      setRenewed((n) => n + 1);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }
  return (
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
          The server keeps only a fingerprint of each invite link, so a link can be copied only when it is made.{' '}
          {role === 'facilitator' ? 'Make a new link for the people you want to invite.' : 'Ask a facilitator for a link.'}
        </p>
      )}
      {token && <InviteLinks boardId={boardId} token={token} refreshKey={opened} />}
      {role === 'facilitator' &&
        (confirming ? (
          <div className="notice share-revoke" role="alert">
            <p>
              This revokes every active link, including those made by other facilitators, and makes one new link per role: nobody
              new can join with the old ones. People already on the board stay.
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
              Revoke links…
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
  );
}

function InviteRow({ role, url }: { role: Role; url: string }) {
  const { label, help } = ROLE_INFO[role];
  return <CopyField id={`invite-${role}`} label={`${label} link`} help={help} url={url} />;
}
