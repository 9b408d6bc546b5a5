import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { BoardId } from '../../shared/roles';
import type { TokenClaims } from '../../shared/api';
import { readBoard, toBackup } from '../../shared/formats/board-data';
import { RestoreBody, SaveVersionBody, type RestoreResponse, type VersionList } from '../../shared/versions';
import type { TokenSigner } from '../auth';
import type { DocStore, MetaStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';
import { restoreVersion, takeVersion } from '../versions/service';
import { bearerClaims, jsonBody, type TokenCheck } from './api';

export interface VersionDeps {
  meta: MetaStore;
  docs: DocStore;
  signer: TokenSigner;
  registry: RoomRegistry;
}

const smallBody = bodyLimit({
  maxSize: 4 * 1024,
  onError: (c) => c.json({ error: 'request body too large (4 KiB at most)' }, 413),
});

function boardIdParam(raw: string): string {
  const r = BoardId.safeParse(raw);
  if (!r.success) throw new HTTPException(404, { message: 'no such board' });
  return r.data;
}

function facilitatorOnly(claims: TokenClaims, what: string): void {
  if (claims.role !== 'facilitator') throw new HTTPException(403, { message: `only facilitators can ${what}` });
}

/**
 * Version history of a board: everyone on the board may list versions and read one (a JSON backup of the
 * board as it was); only facilitators save named versions and restore. Restores are new changes in the
 * live room, preceded by a "before-restore" version (see server/versions/service.ts).
 */
export function versionRoutes({ meta, docs, signer, registry }: VersionDeps) {
  const tokens: TokenCheck = { signer, meta };
  const board = (boardId: string) => ({ kind: 'board' as const, boardId, name: boardId });
  const known = async (boardId: string) => {
    if (!(await meta.getBoard(boardId))) throw new HTTPException(404, { message: 'no such board' });
  };
  return new Hono()
    .get('/boards/:id/versions', async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      await bearerClaims(c.req.raw, tokens, boardId);
      const res: VersionList = { versions: await docs.listVersions(boardId) };
      c.header('Cache-Control', 'no-store');
      return c.json(res);
    })
    .post('/boards/:id/versions', smallBody, async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      const claims = await bearerClaims(c.req.raw, tokens, boardId);
      facilitatorOnly(claims, 'save versions');
      const body = await jsonBody(c.req.raw, SaveVersionBody);
      await known(boardId);
      const by = { id: claims.sub, name: claims.name };
      const version = await registry.use(board(boardId), (room) => takeVersion(docs, room, 'named', body.name, by));
      return c.json(version, 201);
    })
    .get('/boards/:id/versions/:v', async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      await bearerClaims(c.req.raw, tokens, boardId);
      const stored = await docs.getVersion(boardId, c.req.param('v'));
      if (!stored) throw new HTTPException(404, { message: 'no such version' });
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, stored.snapshot);
        c.header('Cache-Control', 'no-store');
        return c.json(toBackup(readBoard(doc).data, new Date(stored.info.createdAt)));
      } finally {
        doc.destroy();
      }
    })
    .post('/boards/:id/versions/:v/restore', smallBody, async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      const claims = await bearerClaims(c.req.raw, tokens, boardId);
      facilitatorOnly(claims, 'restore versions');
      const scope = await jsonBody(c.req.raw, RestoreBody);
      await known(boardId);
      const res: RestoreResponse | null = await restoreVersion(docs, registry, boardId, c.req.param('v'), scope, { id: claims.sub, name: claims.name });
      if (!res) throw new HTTPException(404, { message: 'no such version' });
      return c.json(res);
    });
}
