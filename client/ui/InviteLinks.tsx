import { useCallback, useEffect, useState } from 'react';
import { InviteLabel, inviteUrl, type InviteInfo, type NewInviteResponse } from '../../shared/api';
import { ROLES, type Role } from '../../shared/roles';
import { ApiCallError, createInvite, listInvites, revokeInvite } from '../api';
import { CopyField } from './CopyField';
import { timeAgo } from './time';

const ROLE_NAME: Record<Role, string> = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' };

/**
 * A facilitator's view of every active invite link of a board (any facilitator, not only the creator):
 * label, role and age of each, revoke one, make a new one whose URL is shown once.
 */
export function InviteLinks({ boardId, token, refreshKey }: { boardId: string; token: string; refreshKey: number }) {
  const [links, setLinks] = useState<InviteInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<NewInviteResponse | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<string | null>(null);

  const reload = useCallback(() => {
    listInvites(boardId, token).then(
      (l) => {
        setLinks(l);
        setError(null);
      },
      (err: unknown) => setError(message(err)),
    );
  }, [boardId, token]);
  useEffect(reload, [reload, refreshKey]);

  async function revoke(link: InviteInfo) {
    try {
      await revokeInvite(boardId, token, link.id);
      setConfirm(null);
      if (made?.id === link.id) setMade(null);
      reload();
    } catch (err) {
      setError(message(err));
    }
  }

  return (
    <section className="invite-links" aria-labelledby="invite-links-title">
      <h3 id="invite-links-title">Active links</h3>
      {links === null && !error && <p className="hint">Loading links…</p>}
      {links && links.length === 0 && <p className="hint">No active links: nobody new can join until you make one.</p>}
      {links && links.length > 0 && (
        <ul className="invite-list">
          {links.map((l) => (
            <li key={l.id}>
              <span className="invite-list-text">
                <strong>{l.label}</strong>
                <span className="muted">
                  {' '}
                  · {ROLE_NAME[l.role]} · created {timeAgo(l.createdAt)}
                  {l.createdBy ? ` by ${l.createdBy.name}` : ''}
                </span>
              </span>
              {confirm === l.id ? (
                <span className="invite-confirm" role="group" aria-label={`Revoke “${l.label}”?`}>
                  <button type="button" className="danger" onClick={() => void revoke(l)}>
                    Revoke “{l.label}”
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirm(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" className="secondary" aria-label={`Revoke link “${l.label}” (${l.role})`} onClick={() => setConfirm(l.id)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {confirm && <p className="hint">Nobody new can join with a revoked link. People already on the board stay.</p>}
      {made && (
        <div className="invite-made" role="status">
          <CopyField
            id="invite-new"
            label={`New ${made.role} link “${made.label}”`}
            help="Copy it now: it is not shown again (the server keeps only a fingerprint of it)."
            url={inviteUrl(location.origin, boardId, made.key)}
          />
        </div>
      )}
      {adding ? (
        <NewLinkForm
          onCancel={() => setAdding(false)}
          onCreate={async (role, label) => {
            const r = await createInvite(boardId, token, { role, label });
            setMade(r);
            setAdding(false);
            reload();
          }}
        />
      ) : (
        <p>
          <button type="button" className="secondary" onClick={() => setAdding(true)}>
            New link…
          </button>
        </p>
      )}
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function NewLinkForm({ onCreate, onCancel }: { onCreate(role: Role, label: string): Promise<void>; onCancel(): void }) {
  const [role, setRole] = useState<Role>('participant');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: { preventDefault(): void }) {
    e.preventDefault();
    const l = InviteLabel.safeParse(label);
    if (!l.success) return setError(`Label: ${l.error.issues[0]?.message ?? 'invalid'}.`);
    setBusy(true);
    try {
      await onCreate(role, l.data);
    } catch (err) {
      setError(message(err));
      setBusy(false);
    }
  }

  // A <div>, not a <form>: the dialog's own form (method="dialog") would otherwise close on Enter.
  return (
    <div className="new-invite" role="group" aria-labelledby="new-invite-title" onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT' && void submit(e)}>
      <h4 id="new-invite-title">New link</h4>
      <div className="new-invite-fields">
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAME[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Label</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} placeholder="e.g. Ward team B" autoFocus />
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="primary" disabled={busy} onClick={(e) => void submit(e)}>
        Create link
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function message(err: unknown): string {
  return err instanceof ApiCallError ? err.message : 'Something went wrong. Try again.';
}
