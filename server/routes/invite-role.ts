import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { BoardId } from '../../shared/roles';
import { InviteRoleBody, type InviteRoleResponse } from '../../shared/invite-role';
import { hashInvite } from '../auth';
import type { MetaStore } from '../store/types';
import { jsonBody } from './api';

/**
 * The role an invite link gives, without joining: the join page says "You are joining as a participant"
 * before anyone types a name. It tells no more than joining would (403 for a key that is not valid).
 */
export function inviteRoleRoutes({ meta }: { meta: MetaStore }) {
  return new Hono().post(
    '/boards/:id/invite-role',
    bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.json({ error: 'request body too large (4 KiB at most)' }, 413) }),
    async (c) => {
      const id = BoardId.safeParse(c.req.param('id'));
      if (!id.success) throw new HTTPException(404, { message: 'no such board' });
      const body = await jsonBody(c.req.raw, InviteRoleBody);
      if (!(await meta.getBoard(id.data))) throw new HTTPException(404, { message: 'no such board' });
      const role = await meta.roleForInvite(id.data, hashInvite(body.invite));
      if (!role) throw new HTTPException(403, { message: 'this invite link is not valid for this board' });
      const res: InviteRoleResponse = { role };
      return c.json(res);
    },
  );
}
