import { ApiError } from '../../../shared/api';
import { parseBackup, type BoardData } from '../../../shared/formats/board-data';
import { RestoreResponse, VersionInfo, VersionList, type RestoreBody } from '../../../shared/versions';
import { loadSession } from '../../session';

/** A failed history call, with a sentence to show as is. */
export class HistoryError extends Error {}

async function call(boardId: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const token = loadSession(boardId)?.token;
  if (!token) throw new HistoryError('Your session for this board has ended; reload the page.');
  let res: Response;
  try {
    res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/versions${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch {
    throw new HistoryError('Cannot reach the Threatboard server. Check your connection and try again.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ApiError.safeParse(body);
    throw new HistoryError(err.success ? err.data.error : `The server answered ${res.status}.`);
  }
  return body;
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HistoryError('The server sent an answer this page does not understand. Reload and try again.');
  return r.data;
}

export async function listVersions(boardId: string): Promise<VersionInfo[]> {
  return parsed(VersionList, await call(boardId, '')).versions;
}

export async function saveVersion(boardId: string, name: string): Promise<VersionInfo> {
  return parsed(VersionInfo, await call(boardId, '', { method: 'POST', body: JSON.stringify({ name }) }));
}

/** A version's board data (the server sends it as a JSON backup). */
export async function fetchVersion(boardId: string, id: string): Promise<BoardData> {
  const r = parseBackup(await call(boardId, `/${encodeURIComponent(id)}`));
  if (!r.ok) throw new HistoryError('This version could not be read.');
  return r.value;
}

export async function restoreVersion(boardId: string, id: string, scope: RestoreBody): Promise<RestoreResponse> {
  return parsed(RestoreResponse, await call(boardId, `/${encodeURIComponent(id)}/restore`, { method: 'POST', body: JSON.stringify(scope) }));
}
