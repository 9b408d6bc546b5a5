import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { boardActivity } from '../../shared/activity';
import { BoardId } from '../../shared/roles';
import type { TokenSigner } from '../auth';
import type { MetaStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';
import { bearerClaims } from './api';

/**
 * `GET /api/boards/:id/activity?since=<ms>` for any member: title, last activity and how many threats,
 * mitigations and comments others changed since the caller last looked (the "Your boards" list). The
 * document is read from the loaded room, or from the store without being kept in memory.
 */
export function activityRoutes({ meta, signer, registry }: { meta: MetaStore; signer: TokenSigner; registry: Pick<RoomRegistry, 'read'> }) {
  return new Hono().get('/boards/:id/activity', async (c) => {
    const id = BoardId.safeParse(c.req.param('id'));
    if (!id.success) throw new HTTPException(404, { message: 'no such board' });
    const claims = await bearerClaims(c.req.raw, { signer, meta }, id.data);
    const raw = c.req.query('since') ?? '0';
    const since = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(since)) throw new HTTPException(400, { message: 'since must be a time in milliseconds since the epoch' });
    if (!(await meta.getBoard(id.data))) throw new HTTPException(404, { message: 'no such board' });
    const activity = await registry.read({ kind: 'board', boardId: id.data, name: id.data }, (doc) => boardActivity(doc, since, claims.sub));
    c.header('Cache-Control', 'no-store');
    return c.json(activity);
  });
}
