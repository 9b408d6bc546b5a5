import { useEffect, useState, type FormEvent } from 'react';
import { DisplayName } from '../../shared/api';
import type { Role } from '../../shared/roles';
import { ApiCallError, inviteRole, joinBoard } from '../api';
import { joinChoice, lastName, saveSession, type StoredSession } from '../session';

interface Props {
  boardId: string;
  invite: string;
  title: string | null;
  /** A session this browser already holds for the board (e.g. the creator opening a link to test it). */
  existing: StoredSession | null;
  onJoined(session: StoredSession): void;
  onContinue(): void;
}

export function JoinForm({ boardId, invite, title, existing, onJoined, onContinue }: Props) {
  const [name, setName] = useState(() => existing?.name ?? lastName());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = useInviteRole(boardId, invite, setError);
  const choice = role ? joinChoice(existing, role) : null;
  // Same role or less than this browser already has on the board: go on as that person, no second join.
  useEffect(() => {
    if (choice === 'continue') onContinue();
  }, [choice, onContinue]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = DisplayName.safeParse(name);
    if (!n.success) return setError(`Display name: ${n.error.issues[0]?.message ?? 'invalid'}.`);
    setBusy(true);
    setError(null);
    try {
      // With a stored session the server keeps the same person (user id), now with the link's role.
      const r = await joinBoard(boardId, { invite, name: n.data, ...(existing ? { session: existing.token } : {}) });
      const session: StoredSession = { ...existing, ...r, name: n.data, ...(title ? { title } : {}) };
      saveSession(boardId, session);
      onJoined(session);
    } catch (err) {
      setError(joinError(err));
      setBusy(false);
    }
  }

  if (existing && !error && (role === null || choice === 'continue')) {
    return (
      <main className="centered-page">
        <p role="status">Opening the board…</p>
      </main>
    );
  }

  return (
    <main className="centered-page">
      <form className="card join-form" onSubmit={submit} aria-labelledby="join-heading" noValidate>
        <p className="eyebrow">You are invited to</p>
        <h1 id="join-heading">{title ?? 'a Threatboard board'}</h1>
        {role && (
          <p className="join-role" role="status">
            {existing && `You are on this board as ${existing.name} (${existing.role}). `}
            {existing ? 'This link makes you' : 'You are joining as'} {ROLE_TEXT[role].article} <strong>{role}</strong>: {ROLE_TEXT[role].can}
          </p>
        )}
        <label className="field">
          <span>Display name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="nickname" autoFocus required />
        </label>
        <p className="hint">Others on the board will see this name next to your cursor and your notes.</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Joining…' : existing && role ? `Join as ${role}` : 'Join board'}
        </button>
        {existing && (
          <button type="button" className="secondary" onClick={onContinue}>
            Continue as {existing.name} ({existing.role})
          </button>
        )}
      </form>
    </main>
  );
}

const ROLE_TEXT: Record<Role, { article: string; can: string }> = {
  facilitator: { article: 'a', can: 'you can edit the board and run the workshop.' },
  participant: { article: 'a', can: 'you can draw, add notes and threats, and vote.' },
  viewer: { article: 'a', can: 'you can watch the board but not change it.' },
};

function joinError(err: unknown): string {
  if (!(err instanceof ApiCallError)) return 'Could not join the board. Try again.';
  if (err.status === 403) return 'This invite link is not valid: it was revoked, or it was copied incompletely. Ask a facilitator for a new one.';
  return err.status === 401 || err.status === 404 ? `This invite link is not valid (${err.message}). Ask a facilitator for a new one.` : err.message;
}

/** The role the invite gives, asked of the server once; an invalid link is said before anyone types. */
function useInviteRole(boardId: string, invite: string, onError: (msg: string) => void): Role | null {
  const [role, setRole] = useState<Role | null>(null);
  useEffect(() => {
    let live = true;
    inviteRole(boardId, invite).then(
      (r) => live && setRole(r),
      (err: unknown) => live && err instanceof ApiCallError && err.status !== 0 && onError(joinError(err)),
    );
    return () => {
      live = false;
    };
  }, [boardId, invite, onError]);
  return role;
}
