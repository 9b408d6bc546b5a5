import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { MAX_ACTIVE_INVITES, NewInviteBody, type InviteInfo, type InviteList, type NewInviteResponse, type TokenClaims } from '../../shared/api';
import { BoardId } from '../../shared/roles';
import { hashInvite, randomKey, type TokenSigner } from '../auth';
import type { InviteRow, MetaStore } from '../store/types';
import { bearerClaims, jsonBody } from './api';

/**
 * Invite links beyond the first three (facilitators only): list the active ones, add one for any role
 * without touching the others, revoke one. Any facilitator can do this, not only the browser that
 * created the board. Keys are returned once, when made; lists never carry them (the store has only hashes).
 */
export function inviteRoutes({ meta, signer }: { meta: MetaStore; signer: TokenSigner }) {
  const facilitator = async (req: Request, rawId: string): Promise<{ boardId: string; claims: TokenClaims }> => {
    const id = BoardId.safeParse(rawId);
    if (!id.success) throw new HTTPException(404, { message: 'no such board' });
    const claims = await bearerClaims(req, { signer, meta }, id.data);
    if (claims.role !== 'facilitator') throw new HTTPException(403, { message: 'only facilitators can see and change invite links' });
    return { boardId: id.data, claims };
  };
  return new Hono()
    .get('/boards/:id/invites', async (c) => {
      const { boardId } = await facilitator(c.req.raw, c.req.param('id'));
      const res: InviteList = { invites: (await meta.listInvites(boardId)).map(info) };
      c.header('Cache-Control', 'no-store');
      return c.json(res);
    })
    .post(
      '/boards/:id/invites/new',
      bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.json({ error: 'request body too large (4 KiB at most)' }, 413) }),
      async (c) => {
        const { boardId, claims } = await facilitator(c.req.raw, c.req.param('id'));
        const body = await jsonBody(c.req.raw, NewInviteBody);
        if ((await meta.listInvites(boardId)).length >= MAX_ACTIVE_INVITES) {
          throw new HTTPException(409, { message: `this board has ${MAX_ACTIVE_INVITES} active links; revoke one before making another` });
        }
        const key = randomKey();
        const row = await meta.createInvite({
          board: boardId,
          role: body.role,
          label: body.label,
          hash: hashInvite(key),
          createdAt: Date.now(),
          createdBy: { id: claims.sub, name: claims.name },
        });
        const res: NewInviteResponse = { ...info(row), key };
        c.header('Cache-Control', 'no-store');
        return c.json(res, 201);
      },
    )
    // Revoke one link: nobody new can join with it; people who joined with it keep their session.
    .delete('/boards/:id/invites/:inviteId', async (c) => {
      const { boardId } = await facilitator(c.req.raw, c.req.param('id'));
      const inviteId = c.req.param('inviteId');
      if (inviteId.length > 64 || !(await meta.revokeInvite(boardId, inviteId, Date.now()))) {
        throw new HTTPException(404, { message: 'no such active invite link on this board' });
      }
      return c.json({ revoked: inviteId });
    });
}

function info(r: InviteRow): InviteInfo {
  return { id: r.id, role: r.role, label: r.label, createdAt: r.createdAt, createdBy: r.createdBy };
}
