import { z } from 'zod';
import { Invites } from '../shared/api';
import { Role } from '../shared/roles';
import { clearLocalCopies } from './sync/local-names';
import { SESSION_PREFIX, sessionKey } from './session-key';

/**
 * What this browser remembers per board, in localStorage:
 *  - the session (token, user id, role, name) so a returning participant is the same user;
 *  - the invite keys, for the browser that created the board only: the server keeps them hashed, so
 *    this is the one place they can be shown again.
 */
export const StoredSession = z.object({
  token: z.string().min(1),
  userId: z.string().min(1),
  role: Role,
  name: z.string(),
  title: z.string().optional(),
  joinedAt: z.number().optional(),
  /** When this browser last had the board open (ms): the home page counts what changed since. */
  lastSeenAt: z.number().optional(),
});
export type StoredSession = z.infer<typeof StoredSession>;

const INVITES_PREFIX = 'threatboard:invites:';
const NAME_KEY = 'threatboard:name';
const ADMIN_KEY_KEY = 'threatboard:admin-key';

function read<T>(key: string, schema: z.ZodType<T>): T | null {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return null;
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the board still works for this visit.
  }
}

/** Seconds-since-epoch expiry of a JWT, or null when it cannot be read (then the server decides). */
function tokenExpiry(token: string): number | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}

export function loadSession(boardId: string): StoredSession | null {
  const s = read(sessionKey(boardId), StoredSession);
  if (!s) return null;
  const exp = tokenExpiry(s.token);
  if (exp !== null && exp * 1000 <= Date.now()) return null;
  return s;
}

export function saveSession(boardId: string, session: StoredSession): void {
  // Joining as someone else in this browser: the previous person's copy of the board goes.
  const previous = read(sessionKey(boardId), StoredSession);
  if (previous && previous.userId !== session.userId) clearLocalCopies(boardId, previous.userId);
  write(sessionKey(boardId), { ...session, joinedAt: session.joinedAt ?? Date.now() });
  if (session.name) write(NAME_KEY, session.name);
}

/** Forget this browser's session for the board, and its copy of the board's documents (see sync/local.ts). */
export function forgetSession(boardId: string): void {
  const previous = read(sessionKey(boardId), StoredSession);
  if (previous) clearLocalCopies(boardId, previous.userId);
  try {
    localStorage.removeItem(sessionKey(boardId));
  } catch {
    /* nothing to forget */
  }
}

export function rememberTitle(boardId: string, title: string): void {
  const s = read(sessionKey(boardId), StoredSession);
  if (s && s.title !== title) write(sessionKey(boardId), { ...s, title });
}

/** The board is open in this tab now: its changes so far are seen. */
export function markSeen(boardId: string, at = Date.now()): void {
  const s = read(sessionKey(boardId), StoredSession);
  if (s) write(sessionKey(boardId), { ...s, lastSeenAt: at });
}

export function loadInvites(boardId: string): Invites | null {
  return read(INVITES_PREFIX + boardId, Invites);
}

export function saveInvites(boardId: string, invites: Invites): void {
  write(INVITES_PREFIX + boardId, invites);
}

export function lastName(): string {
  try {
    const raw = localStorage.getItem(NAME_KEY);
    return raw ? String(JSON.parse(raw)) : '';
  } catch {
    return '';
  }
}

/** Boards this browser has joined, newest first, for the home page. */
export function knownBoards(): { id: string; session: StoredSession }[] {
  const out: { id: string; session: StoredSession }[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(SESSION_PREFIX)) continue;
      const id = key.slice(SESSION_PREFIX.length);
      const session = loadSession(id);
      if (session) out.push({ id, session });
    }
  } catch {
    return [];
  }
  return out.sort((a, b) => (b.session.joinedAt ?? 0) - (a.session.joinedAt ?? 0));
}

/** The server's admin key, as typed on the home page of a server that asks for one. */
export function loadAdminKey(): string {
  return read(ADMIN_KEY_KEY, z.string()) ?? '';
}

export function saveAdminKey(key: string): void {
  write(ADMIN_KEY_KEY, key);
}

/** The same safe localStorage access for other per-board memories (camera per view). */
export { read as readLocal, write as writeLocal };

const ROLE_RANK: Record<Role, number> = { viewer: 0, participant: 1, facilitator: 2 };

/**
 * What opening an invite link does in a browser that may already be on the board:
 * - `join`: nobody here yet — ask for a name and join;
 * - `continue`: the link gives the same role or less than the stored session — go on as that person,
 *   without joining a second time;
 * - `choose`: the link gives more — offer to continue as the stored person or to join with the new role
 *   (as the same person: the join sends the stored session along).
 */
export function joinChoice(existing: Pick<StoredSession, 'role'> | null, linkRole: Role): 'join' | 'continue' | 'choose' {
  if (!existing) return 'join';
  return ROLE_RANK[linkRole] <= ROLE_RANK[existing.role] ? 'continue' : 'choose';
}
