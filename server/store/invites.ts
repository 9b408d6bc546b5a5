import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/roles';
import type { InviteAuthor, InviteRow } from './types';

/** Labels of the links the server makes on its own: with a new board, and when all links are replaced. */
export const INITIAL_INVITE_LABEL = 'Created with the board';
export const REPLACED_INVITE_LABEL = 'Replaced all links';
/** Rows from before links had labels (SQLite and PostgreSQL migrations). */
export const EARLIER_INVITE_LABEL = 'Earlier link';

/** An invite link's id: public (it names the link in lists and URLs), unrelated to its secret key. */
export function newInviteId(): string {
  return randomBytes(9).toString('base64url');
}

/** The columns both stores select for an invite row. */
export interface InviteColumns {
  id: string;
  board_id: string;
  role: Role;
  label: string;
  created_at: number | string;
  created_by: string;
  created_by_name: string;
  revoked_at: number | string | null;
}

export const INVITE_COLUMNS = 'id, board_id, role, label, created_at, created_by, created_by_name, revoked_at';

export function inviteFromRow(r: InviteColumns): InviteRow {
  return {
    id: r.id,
    board: r.board_id,
    role: r.role,
    label: r.label,
    createdAt: Number(r.created_at),
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name } : null,
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

export function authorColumns(by: InviteAuthor | null | undefined): [string, string] {
  return by ? [by.id, by.name] : ['', ''];
}
