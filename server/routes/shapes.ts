import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { BoardShapes } from '../../shared/api';
import { readShapes } from '../../shared/model/board-doc';
import { BoardId } from '../../shared/roles';
import type { TokenSigner } from '../auth';
import type { MetaStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';
import { acceptsEncoding } from '../static';
import { bearerClaims } from './api';

const gzipAsync = promisify(gzip);
/** Smaller than this, an answer goes uncompressed (a new board's few shapes). */
const GZIP_FROM_BYTES = 8 * 1024;

/**
 * `GET /api/boards/:id/shapes` for any member of the board (viewers too: they receive the whole board
 * document over the sync socket anyway): every valid shape of the board, placed from the position log
 * and in z order, exactly as a client's shapes store reads them. The board page asks for it while its
 * scripts still load and paints this list first, then applies the document (client/sync/first-paint.ts):
 * a 2,000-note board shows without waiting for the Yjs update of its whole history to be applied.
 *
 * The room is loaded into the registry (as a sync connection would load it) and unloads after the idle
 * time when nobody connects: the socket that follows within a second finds it in memory. The document
 * is read through the shared schemas only; invalid records are left out, as every client leaves them out.
 */
export function shapesRoutes({ meta, signer, registry }: { meta: Pick<MetaStore, 'isRemoved'>; signer: TokenSigner; registry: Pick<RoomRegistry, 'use'> }) {
  return new Hono().get('/boards/:id/shapes', async (c) => {
    const id = BoardId.safeParse(c.req.param('id'));
    if (!id.success) throw new HTTPException(404, { message: 'no such board' });
    await bearerClaims(c.req.raw, { signer, meta }, id.data);
    const body: BoardShapes = await registry.use({ kind: 'board', boardId: id.data, name: id.data }, (room) => ({ shapes: readShapes(room.doc).records }));
    const json = JSON.stringify(body);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
    // Level 1: a 2,000-note board's 600 KB become about 60 KB in a few milliseconds (level 6 saves 15 % more for 3× the time).
    if (json.length < GZIP_FROM_BYTES || !acceptsEncoding(c.req.header('accept-encoding'), 'gzip')) return c.body(json, 200, headers);
    const zipped = await gzipAsync(json, { level: 1 });
    return c.body(new Uint8Array(zipped), 200, { ...headers, 'Content-Encoding': 'gzip' });
  });
}
