import { z } from 'zod';
import {
  ApiError,
  BoardActivity,
  BoardInfo,
  InviteList,
  NewInviteResponse,
  CreateBoardResponse,
  Invites,
  JoinResponse,
  type CreateBoardBody,
  type InviteInfo,
  type JoinBody,
  type NewInviteBody,
} from '../shared/api';
import { InviteRoleResponse } from '../shared/invite-role';
import type { Role } from '../shared/roles';

/** A failed API call, with a sentence that can be shown to the user as is. */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  } catch {
    throw new ApiCallError('Cannot reach the Threatboard server. Check your connection and try again.', 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ApiError.safeParse(body);
    const message = err.success ? err.data.error : `The server answered ${res.status}.`;
    throw new ApiCallError(message, res.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiCallError('The server sent an answer this page does not understand. Reload and try again.', res.status);
  return parsed.data;
}

/** `Authorization` for creating and importing boards on a server that has an admin key. */
export function adminHeaders(adminKey: string): Record<string, string> {
  return adminKey.trim() ? { authorization: `Bearer ${adminKey.trim()}` } : {};
}

export function createBoard(body: CreateBoardBody, adminKey = ''): Promise<CreateBoardResponse> {
  return call('/api/boards', { method: 'POST', body: JSON.stringify(body), headers: adminHeaders(adminKey) }, CreateBoardResponse);
}

const Health = z.object({ adminKeyRequired: z.boolean().optional() });

/** Whether this server asks for its admin key to create or import boards. */
export async function adminKeyRequired(): Promise<boolean> {
  const h = await call('/api/health', { method: 'GET' }, Health);
  return h.adminKeyRequired === true;
}

/** Remove a person from a board (facilitators only): their sessions end and their token stops working. */
export async function removeMember(boardId: string, userId: string, token: string): Promise<void> {
  await call(
    `/api/boards/${encodeURIComponent(boardId)}/members/${encodeURIComponent(userId)}/remove`,
    { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    z.object({ removed: z.string() }),
  );
}

export function joinBoard(boardId: string, body: JoinBody): Promise<JoinResponse> {
  return call(`/api/boards/${encodeURIComponent(boardId)}/join`, { method: 'POST', body: JSON.stringify(body) }, JoinResponse);
}

const RotatedInvites = z.object({ invites: Invites });

/** Revoke a board's invite links and get new ones (facilitators only). */
export async function rotateInvites(boardId: string, token: string): Promise<Invites> {
  const res = await call(`/api/boards/${encodeURIComponent(boardId)}/invites`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }, RotatedInvites);
  return res.invites;
}

export function getBoard(boardId: string): Promise<BoardInfo> {
  return call(`/api/boards/${encodeURIComponent(boardId)}`, { method: 'GET' }, BoardInfo);
}

/** Which role an invite link gives (without joining). */
export async function inviteRole(boardId: string, invite: string): Promise<Role> {
  const res = await call(`/api/boards/${encodeURIComponent(boardId)}/invite-role`, { method: 'POST', body: JSON.stringify({ invite }) }, InviteRoleResponse);
  return res.role;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** The active invite links of a board, without keys (facilitators only). */
export async function listInvites(boardId: string, token: string): Promise<InviteInfo[]> {
  return (await call(`${boardPath(boardId)}/invites`, { method: 'GET', headers: bearer(token) }, InviteList)).invites;
}

/** One more invite link; its key is in the answer and nowhere else afterwards. */
export function createInvite(boardId: string, token: string, body: NewInviteBody): Promise<NewInviteResponse> {
  return call(`${boardPath(boardId)}/invites/new`, { method: 'POST', headers: bearer(token), body: JSON.stringify(body) }, NewInviteResponse);
}

export async function revokeInvite(boardId: string, token: string, inviteId: string): Promise<void> {
  await call(`${boardPath(boardId)}/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE', headers: bearer(token) }, z.object({ revoked: z.string() }));
}

/** Title, last activity and what others changed since `since` (ms), for the home page. */
export function boardActivity(boardId: string, token: string, since: number): Promise<BoardActivity> {
  return call(`${boardPath(boardId)}/activity?since=${Math.max(0, Math.floor(since))}`, { method: 'GET', headers: bearer(token) }, BoardActivity);
}
