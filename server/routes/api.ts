import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import type { z } from 'zod';
import { CreateBoardBody, JoinBody, type CreateBoardResponse, type JoinResponse } from '../../shared/api';
import { BoardId } from '../../shared/roles';
import { initBoard } from '../../shared/model/board-doc';
import { hashInvite, hashInvites, newInvites, randomKey, type TokenSigner } from '../auth';
import type { DocStore, MetaStore } from '../store/types';

export interface ApiDeps {
  meta: MetaStore;
  docs: DocStore;
  signer: TokenSigner;
}

/** Parse a JSON body against a schema; every failure is a 400 with the list of what is wrong. */
export async function jsonBody<T>(req: Request, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new HTTPException(400, { message: 'body must be JSON' });
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new HTTPException(400, { message: 'invalid request', cause: issues });
  }
  return r.data;
}

const smallBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: (c) => c.json({ error: 'request body too large (16 KiB at most)' }, 413),
});

function boardIdParam(raw: string): string {
  const r = BoardId.safeParse(raw);
  if (!r.success) throw new HTTPException(404, { message: 'no such board' });
  return r.data;
}

export function apiRoutes({ meta, docs, signer }: ApiDeps) {
  return new Hono()
    .post('/boards', smallBody, async (c) => {
      const body = await jsonBody(c.req.raw, CreateBoardBody);
      if (body.template !== undefined) throw new HTTPException(400, { message: `unknown template "${body.template}"` });
      const id = randomKey(12);
      const invites = newInvites();
      const doc = new Y.Doc();
      initBoard(doc, body.title);
      // The seed goes into the log before the board exists, so nobody can join a board without content.
      await docs.append(id, Y.encodeStateAsUpdate(doc));
      doc.destroy();
      await meta.createBoard({ id, title: body.title, createdAt: Date.now() }, hashInvites(invites));
      const res: CreateBoardResponse = { id, title: body.title, invites };
      return c.json(res, 201);
    })
    .get('/boards/:id', async (c) => {
      const board = await meta.getBoard(boardIdParam(c.req.param('id')));
      if (!board) throw new HTTPException(404, { message: 'no such board' });
      return c.json({ id: board.id, title: board.title });
    })
    .post('/boards/:id/join', smallBody, async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      const body = await jsonBody(c.req.raw, JoinBody);
      const board = await meta.getBoard(boardId);
      if (!board) throw new HTTPException(404, { message: 'no such board' });
      const role = await meta.roleForInvite(boardId, hashInvite(body.invite));
      if (!role) throw new HTTPException(403, { message: 'this invite link is not valid for this board' });
      const userId = randomKey(12);
      const token = await signer.sign({ board: boardId, role, sub: userId, name: body.name });
      const res: JoinResponse = { token, userId, role };
      return c.json(res);
    });
}
