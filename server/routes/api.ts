import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import type { z } from 'zod';
import { CreateBoardBody, JoinBody, type CreateBoardResponse, type JoinResponse, type TokenClaims } from '../../shared/api';
import { CloseCode } from '../../shared/protocol';
import { BoardId, UserId } from '../../shared/roles';
import { initBoard } from '../../shared/model/board-doc';
import { initFacilitation } from '../../shared/facilitation/doc';
import { applyTemplate, TEMPLATES, templateInfo } from '../../shared/templates';
import { hashInvite, hashInvites, newInvites, randomKey, type TokenSigner } from '../auth';
import type { DocStore, MetaStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';

export interface ApiDeps {
  meta: MetaStore;
  docs: DocStore;
  signer: TokenSigner;
  registry: Pick<RoomRegistry, 'closeUser'>;
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

/** What checking a session token needs: the signer, and the store that knows who was removed. */
export interface TokenCheck {
  signer: TokenSigner;
  meta: Pick<MetaStore, 'isRemoved'>;
}

/** The message every endpoint answers a removed person's token with (403). */
const REMOVED_MESSAGE = 'you were removed from this board';

/**
 * The verified claims of an `Authorization: Bearer <token>` header for this board: 401 without a valid
 * token, 403 for a token of another board or of a person a facilitator removed from the board.
 */
export async function bearerClaims(req: Request, { signer, meta }: TokenCheck, boardId: string): Promise<TokenClaims> {
  const header = req.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const claims = m ? await signer.verify(m[1]!) : null;
  if (!claims) throw new HTTPException(401, { message: 'missing, expired or invalid token' });
  if (claims.board !== boardId) throw new HTTPException(403, { message: 'this token is for another board' });
  if (await meta.isRemoved(claims.board, claims.sub)) throw new HTTPException(403, { message: REMOVED_MESSAGE });
  return claims;
}

export function apiRoutes({ meta, docs, signer, registry }: ApiDeps) {
  const tokens: TokenCheck = { signer, meta };
  return new Hono()
    .get('/templates', (c) => c.json(TEMPLATES.map(({ id, title, description }) => ({ id, title, description }))))
    .post('/boards', smallBody, async (c) => {
      const body = await jsonBody(c.req.raw, CreateBoardBody);
      if (body.template !== undefined && !templateInfo(body.template)) {
        throw new HTTPException(400, { message: `unknown template "${body.template}"; GET /api/templates lists them` });
      }
      const id = randomKey(12);
      const invites = newInvites();
      const doc = new Y.Doc();
      initBoard(doc, body.title);
      if (body.template) applyTemplate(doc, body.template);
      const fac = new Y.Doc();
      initFacilitation(fac);
      // The seeds go into the log before the board exists, so nobody can join a board without content.
      await docs.append(id, Y.encodeStateAsUpdate(doc));
      await docs.append(`${id}/facilitation`, Y.encodeStateAsUpdate(fac));
      doc.destroy();
      fac.destroy();
      await meta.createBoard({ id, title: body.title, createdAt: Date.now() }, hashInvites(invites));
      const res: CreateBoardResponse = { id, title: body.title, invites };
      return c.json(res, 201);
    })
    .get('/boards/:id', async (c) => {
      const board = await meta.getBoard(boardIdParam(c.req.param('id')));
      if (!board) throw new HTTPException(404, { message: 'no such board' });
      return c.json({ id: board.id, title: board.title });
    })
    // Lets a client tell "my session is no longer accepted" from "the server is down": a refused
    // WebSocket upgrade looks like a network error to a browser.
    .get('/boards/:id/session', async (c) => {
      const claims = await bearerClaims(c.req.raw, tokens, boardIdParam(c.req.param('id')));
      return c.json({ userId: claims.sub, role: claims.role, name: claims.name, expiresAt: claims.exp * 1000 });
    })
    // Revoke every invite link of a board and hand out new ones (facilitators only). People who already
    // joined keep their session; the old links no longer let anyone new in.
    .post('/boards/:id/invites', async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      const claims = await bearerClaims(c.req.raw, tokens, boardId);
      if (claims.role !== 'facilitator') throw new HTTPException(403, { message: 'only facilitators can change invite links' });
      const invites = newInvites();
      await meta.replaceInvites(boardId, hashInvites(invites), { id: claims.sub, name: claims.name });
      return c.json({ invites });
    })
    .post('/boards/:id/join', smallBody, async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      const body = await jsonBody(c.req.raw, JoinBody);
      const board = await meta.getBoard(boardId);
      if (!board) throw new HTTPException(404, { message: 'no such board' });
      const role = await meta.roleForInvite(boardId, hashInvite(body.invite));
      if (!role) throw new HTTPException(403, { message: 'this invite link is not valid for this board' });
      // Someone already on the board opening a link (a facilitator link after a participant one) stays
      // the same person: a valid, unremoved session of this board keeps its user id; anything else is ignored.
      const previous = body.session ? await signer.verify(body.session) : null;
      const same = previous && previous.board === boardId && !(await meta.isRemoved(boardId, previous.sub));
      const userId = same ? previous.sub : randomKey(12);
      const token = await signer.sign({ board: boardId, role, sub: userId, name: body.name });
      const res: JoinResponse = { token, userId, role };
      return c.json(res);
    })
    // Remove a person from the board (facilitators only): their open sockets close with
    // CloseCode.Removed and their token is refused from now on, here and at the sync endpoint.
    .post('/boards/:id/members/:userId/remove', async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      const claims = await bearerClaims(c.req.raw, tokens, boardId);
      if (claims.role !== 'facilitator') throw new HTTPException(403, { message: 'only facilitators can remove people from a board' });
      const target = UserId.safeParse(c.req.param('userId'));
      if (!target.success) throw new HTTPException(404, { message: 'no such person' });
      if (target.data === claims.sub) throw new HTTPException(400, { message: 'you cannot remove yourself' });
      await meta.removeMember(boardId, target.data, Date.now());
      const closed = await registry.closeUser(boardId, target.data, CloseCode.Removed, 'removed from the board');
      return c.json({ removed: target.data, closedConnections: closed });
    });
}
