import { inviteFromHash, parseRoute } from '../router';
import { sessionKey } from '../session-key';

/**
 * The board's shapes (`GET /api/boards/:id/shapes`), asked for as this module is evaluated (main.tsx
 * imports it first), while the rest of the page's code still loads: the answer is there by the time the
 * board page mounts, and first-paint.ts paints from it. This module is in the entry chunk, so it reads
 * the stored token itself instead of through session.ts and its schemas (the server checks the token;
 * an expired one just gets no answer).
 */
const started = new Map<string, Promise<unknown>>();

function request(boardId: string, token: string): Promise<unknown> {
  return fetch(`/api/boards/${encodeURIComponent(boardId)}/shapes`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
}

/** At page start: ask for the shapes of the board in the address bar if this browser has a session for it. */
function prefetchBoardShapes(): void {
  const route = parseRoute(location.pathname);
  if (route.page !== 'board' || inviteFromHash(location.hash)) return;
  let token: unknown;
  try {
    token = (JSON.parse(localStorage.getItem(sessionKey(route.boardId)) ?? 'null') as { token?: unknown } | null)?.token;
  } catch {
    return;
  }
  if (typeof token === 'string' && token) started.set(`${route.boardId} ${token}`, request(route.boardId, token));
}

/** The answer asked for at page start for this board and token, else a new request; each is taken once. */
export function boardShapes(boardId: string, token: string): Promise<unknown> {
  const key = `${boardId} ${token}`;
  const asked = started.get(key);
  started.delete(key);
  return asked ?? request(boardId, token);
}

if (typeof location !== 'undefined') prefetchBoardShapes();
